"""Marker paging on list actions and GetAccountAuthorizationDetails (Filter honoured)."""

import collections
import json
import unittest
import urllib.parse

from harness import ACCOUNT_ID, BackendTestCase, signed_call, unless_moto

DOC = {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}
MANY = 12  # entities per paged listing
LIMIT = 10  # AWS's per-user limits on groups and attached policies


class PagingTest(BackendTestCase):

    def assertEachOnce(self, expected, got):
        counts = collections.Counter(got)
        duplicates = sorted(k for k, n in counts.items() if n > 1)
        self.assertEqual([], duplicates, "listed more than once")
        self.assertEqual(set(), set(expected) - set(counts), "never listed")

    @unless_moto("moto ignores MaxItems on ListUsers")
    def test_list_users_max_items_1(self):
        names = [f"pu{i:02d}" for i in range(MANY)]
        for name in names:
            self.iam.create_user(UserName=name)
        users, pages = self.page_all(self.iam.list_users, "Users")
        self.assertEachOnce(names, [u["UserName"] for u in users])
        self.assertEqual(len(users), pages)

    def test_list_users_page_size_larger_than_result(self):
        for i in range(3):
            self.iam.create_user(UserName=f"small{i}")
        resp = self.iam.list_users(MaxItems=1000)
        self.assertFalse(resp["IsTruncated"])
        self.assertEqual(3, len(resp["Users"]))

    @unless_moto("moto ignores MaxItems on ListGroups")
    def test_list_groups_max_items_1(self):
        names = [f"pg{i:02d}" for i in range(MANY)]
        for name in names:
            self.iam.create_group(GroupName=name)
        groups, _ = self.page_all(self.iam.list_groups, "Groups")
        self.assertEachOnce(names, [g["GroupName"] for g in groups])

    def test_list_policies_max_items_1(self):
        arns = [self.iam.create_policy(PolicyName=f"pp{i:02d}", PolicyDocument=json.dumps(DOC))[
            "Policy"]["Arn"] for i in range(MANY)]
        policies, pages = self.page_all(self.iam.list_policies, "Policies", Scope="Local")
        self.assertEachOnce(arns, [p["Arn"] for p in policies])
        self.assertEqual(MANY, len(policies))
        self.assertGreaterEqual(pages, MANY)

    @unless_moto("moto ignores MaxItems on ListGroupsForUser")
    def test_list_groups_for_user_max_items_1(self):
        self.iam.create_user(UserName="member")
        names = [f"gfu{i:02d}" for i in range(LIMIT)]
        for name in names:
            self.iam.create_group(GroupName=name)
            self.iam.add_user_to_group(GroupName=name, UserName="member")
        groups, pages = self.page_all(self.iam.list_groups_for_user, "Groups", UserName="member")
        self.assertEachOnce(names, [g["GroupName"] for g in groups])
        self.assertEqual(LIMIT, pages)

    @unless_moto("moto ignores MaxItems on ListAttachedUserPolicies")
    def test_list_attached_user_policies_max_items_1(self):
        self.iam.create_user(UserName="holder")
        arns = []
        for i in range(LIMIT):
            arn = self.iam.create_policy(PolicyName=f"att{i:02d}",
                                         PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
            self.iam.attach_user_policy(UserName="holder", PolicyArn=arn)
            arns.append(arn)
        attached, pages = self.page_all(self.iam.list_attached_user_policies,
                                        "AttachedPolicies", UserName="holder")
        self.assertEachOnce(arns, [p["PolicyArn"] for p in attached])
        self.assertEqual(LIMIT, pages)

    @unless_moto("moto ignores MaxItems on GetGroup")
    def test_get_group_members_max_items_1(self):
        self.iam.create_group(GroupName="big")
        names = [f"gm{i:02d}" for i in range(MANY)]
        for name in names:
            self.iam.create_user(UserName=name)
            self.iam.add_user_to_group(GroupName="big", UserName=name)
        users, pages = self.page_all(self.iam.get_group, "Users", GroupName="big")
        self.assertEachOnce(names, [u["UserName"] for u in users])
        self.assertEqual(MANY, pages)

    @unless_moto("moto ignores MaxItems on ListUsers")
    def test_paginator_walks_pages(self):
        names = {f"pag{i:02d}" for i in range(MANY)}
        for name in names:
            self.iam.create_user(UserName=name)
        pages = list(self.iam.get_paginator("list_users").paginate(
            PaginationConfig={"PageSize": 5}))
        self.assertEqual(3, len(pages))
        self.assertEqual(names, {u["UserName"] for p in pages for u in p["Users"]})

    @unless_moto("moto does not validate MaxItems")
    def test_max_items_out_of_range_refused(self):
        for value in ("0", "1001"):
            for action in ("ListUsers", "ListGroups", "ListPolicies",
                           "GetAccountAuthorizationDetails"):
                resp = signed_call(self.endpoint, {"Action": action, "Version": "2010-05-08",
                                                   "MaxItems": value})
                self.assertEqual(400, resp.status, (action, value, resp.body[:300]))
                self.assertEqual("ValidationError", resp.error_code, (action, value))

    @unless_moto("moto does not reject an unknown Marker")
    def test_bogus_marker_refused(self):
        self.iam.create_user(UserName="m1")
        self.assertAwsError(("ValidationError", "InvalidInput"), 400, self.iam.list_users,
                            Marker="not-a-marker-we-gave")


class AuthorizationDetailsTest(BackendTestCase):

    def setUp(self):
        super().setUp()
        self.arn = self.iam.create_policy(PolicyName="gaad-pol",
                                          PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
        self.iam.create_group(GroupName="gaad-group")
        self.iam.attach_group_policy(GroupName="gaad-group", PolicyArn=self.arn)
        self.iam.put_group_policy(GroupName="gaad-group", PolicyName="g-inline",
                                  PolicyDocument=json.dumps(DOC))
        self.iam.create_user(UserName="gaad-user", Tags=[{"Key": "team", "Value": "red"}])
        self.iam.add_user_to_group(GroupName="gaad-group", UserName="gaad-user")
        self.iam.attach_user_policy(UserName="gaad-user", PolicyArn=self.arn)
        self.iam.put_user_policy(UserName="gaad-user", PolicyName="u-inline",
                                 PolicyDocument=json.dumps(DOC))

    def test_user_filter_returns_users_with_assignments(self):
        resp = self.iam.get_account_authorization_details(Filter=["User"])
        self.assertEqual([], resp.get("GroupDetailList", []))
        self.assertEqual([], resp.get("Policies", []))
        self.assertEqual([], resp.get("RoleDetailList", []))
        users = {u["UserName"]: u for u in resp["UserDetailList"]}
        user = users["gaad-user"]
        self.assertEqual(f"arn:aws:iam::{ACCOUNT_ID}:user/gaad-user", user["Arn"])
        self.assertEqual(["gaad-group"], user["GroupList"])
        self.assertEqual([{"PolicyName": "gaad-pol", "PolicyArn": self.arn}],
                         user["AttachedManagedPolicies"])
        self.assertEqual([{"PolicyName": "u-inline", "PolicyDocument": DOC}],
                         user["UserPolicyList"])

    def test_user_detail_tags(self):
        resp = self.iam.get_account_authorization_details(Filter=["User"])
        user = next(u for u in resp["UserDetailList"] if u["UserName"] == "gaad-user")
        self.assertEqual([{"Key": "team", "Value": "red"}], user["Tags"])

    def test_group_and_local_policy_filters(self):
        resp = self.iam.get_account_authorization_details(Filter=["Group"])
        self.assertEqual([], resp.get("UserDetailList", []))
        groups = {g["GroupName"]: g for g in resp["GroupDetailList"]}
        group = groups["gaad-group"]
        self.assertEqual([{"PolicyName": "gaad-pol", "PolicyArn": self.arn}],
                         group["AttachedManagedPolicies"])
        self.assertEqual([{"PolicyName": "g-inline", "PolicyDocument": DOC}],
                         group["GroupPolicyList"])

        resp = self.iam.get_account_authorization_details(Filter=["LocalManagedPolicy"])
        self.assertEqual([], resp.get("UserDetailList", []))
        self.assertEqual([], resp.get("GroupDetailList", []))
        self.assertEqual([self.arn], [p["Arn"] for p in resp["Policies"]])
        pol = resp["Policies"][0]
        self.assertEqual(2, pol["AttachmentCount"])
        self.assertEqual("v1", pol["DefaultVersionId"])
        self.assertEqual([("v1", True, DOC)], [
            (v["VersionId"], v["IsDefaultVersion"], v["Document"])
            for v in pol["PolicyVersionList"]])

    @unless_moto("moto ignores MaxItems on GetAccountAuthorizationDetails")
    def test_max_items_1_gives_every_entity_once(self):
        for i in range(5):
            self.iam.create_user(UserName=f"gu{i}")
            self.iam.create_group(GroupName=f"gg{i}")
        seen, marker, pages = [], None, 0
        while True:
            args = {"Filter": ["User", "Group", "LocalManagedPolicy"], "MaxItems": 1}
            if marker:
                args["Marker"] = marker
            resp = self.iam.get_account_authorization_details(**args)
            pages += 1
            page = ([("user", u["UserName"]) for u in resp["UserDetailList"]] +
                    [("group", g["GroupName"]) for g in resp["GroupDetailList"]] +
                    [("policy", p["Arn"]) for p in resp["Policies"]])
            self.assertLessEqual(len(page), 1)
            seen += page
            if not resp["IsTruncated"]:
                break
            marker = resp["Marker"]
            self.assertLess(pages, 1000)
        counts = collections.Counter(seen)
        self.assertEqual([], [k for k, n in counts.items() if n > 1])
        expected = ({("user", "gaad-user"), ("group", "gaad-group"), ("policy", self.arn)} |
                    {("user", f"gu{i}") for i in range(5)} |
                    {("group", f"gg{i}") for i in range(5)})
        self.assertEqual(set(), expected - set(counts))

    def test_documents_are_url_encoded_on_the_wire(self):
        resp = signed_call(self.endpoint, {"Action": "GetAccountAuthorizationDetails",
                                           "Version": "2010-05-08", "Filter.member.1": "User"})
        self.assertEqual(200, resp.status)
        doc = resp.find("PolicyDocument")
        self.assertTrue(doc.startswith("%7B"), doc[:40])
        self.assertEqual(DOC, json.loads(urllib.parse.unquote(doc)))


if __name__ == "__main__":
    unittest.main()
