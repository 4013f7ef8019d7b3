"""The SCIM 2.0 service of `serve` (issue 12) over HTTP against the emulator subcommand: the
documented provisioning sequences of Microsoft Entra ID and Okta as they send them, with the
`aws` CLI checking the effect in IAM after each change, exact IAM call counts, the errors of
RFC 7644 3.12 and the bearer token in DATA_DIR/scim-token."""
import json
import os
import shutil
import stat
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request

import server_common_test as h

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
AWS_USER = "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
PASSWORD = "Sup3r-Secret-Pw!"


class ScimServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emulator = h.Process(["emulator", "--port", "0", "--admin", "--log-level", "warn"])
        cls.dir = tempfile.mkdtemp(prefix="aic_scim_")
        config = os.path.join(cls.dir, "provisioner.openicf-aws.json")
        with open(config, "w", encoding="utf-8") as f:
            json.dump({"name": "aws", "enabled": True, "configurationProperties": {
                "accessKeyId": "test", "secretKey": "test", "maxRetries": 1,
                "endpoint": cls.emulator.url + "/", "stsEndpoint": cls.emulator.url + "/"}}, f)
        cls.data = os.path.join(cls.dir, "data")
        cls.server = h.Process(["serve", "--port", "0", "--config", config, "--key-file",
                                os.path.join(cls.dir, "connector.key"), "--data-dir", cls.data])
        with open(os.path.join(cls.data, "scim-token"), encoding="utf-8") as f:
            cls.token = f.read().strip()
        cls.base = cls.server.url + "/scim/v2/aws"
        cls.env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                       AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.emulator.stop()
        shutil.rmtree(cls.dir, ignore_errors=True)

    # ---- helpers ----

    def scim(self, method, path, body=None, headers=None, token=True):
        """(status, JSON body or text, headers) of a SCIM request."""
        data = None
        if body is not None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/scim+json")
        if token:
            request.add_header("Authorization", "Bearer " + self.token)
        for k, v in (headers or {}).items():
            request.add_header(k, v)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, text, hdrs = response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as e:
            status, text, hdrs = e.code, e.read().decode(), e.headers
        try:
            return status, json.loads(text) if text else None, hdrs
        except ValueError:
            return status, text, hdrs

    def aws(self, *args):
        out = subprocess.run(["aws", "--endpoint-url", self.emulator.url + "/", "iam"] +
                             list(args) + ["--output", "json"], env=self.env,
                             capture_output=True, text=True, timeout=60, check=False)
        if out.returncode != 0:
            return {"error": out.stderr}
        return json.loads(out.stdout) if out.stdout.strip() else {}

    def counters(self):
        return h.emulator_admin(self.emulator.url, "GET", "/_emulator/counters")

    def reset_counters(self):
        h.emulator_admin(self.emulator.url, "POST", "/_emulator/counters/reset")

    def iam_calls(self):
        return {k: v for k, v in self.counters().items() if isinstance(v, int) and v > 0}

    def assertScimError(self, status, body, expected_status, scim_type=None):
        self.assertEqual(expected_status, status, body)
        self.assertEqual([ERROR], body["schemas"], body)
        self.assertEqual(str(expected_status), body["status"], body)
        if scim_type:
            self.assertEqual(scim_type, body.get("scimType"), body)

    def tags_of(self, user_name):
        return {t["Key"]: t["Value"]
                for t in self.aws("list-user-tags", "--user-name", user_name)["Tags"]}

    # ---- authentication ----

    def test_token_file_is_private_and_never_logged(self):
        mode = stat.S_IMODE(os.stat(os.path.join(self.data, "scim-token")).st_mode)
        self.assertEqual(0o600, mode)
        self.assertGreaterEqual(len(self.token), 32)
        self.assertIn("scim-token", self.server.log())
        self.assertNotIn(self.token, self.server.log())

    def test_requests_without_valid_credentials_are_refused(self):
        status, body, hdrs = self.scim("GET", "/Users", token=False)
        self.assertScimError(status, body, 401)
        self.assertIn("Bearer", hdrs.get("WWW-Authenticate", ""))
        status, body, _ = self.scim("GET", "/Users", token=False,
                                    headers={"Authorization": "Bearer " + "x" * 43})
        self.assertScimError(status, body, 401)
        self.assertNotIn("x" * 43, self.server.log())
        # The admins' Basic credentials work too.
        status, body, _ = self.scim("GET", "/ServiceProviderConfig", token=False,
                                    headers={"Authorization": h.basic(*h.ADMIN)})
        self.assertEqual(200, status, body)

    # ---- discovery ----

    def test_discovery_endpoints(self):
        status, spc, hdrs = self.scim("GET", "/ServiceProviderConfig")
        self.assertEqual(200, status, spc)
        self.assertTrue(hdrs["Content-Type"].startswith("application/scim+json"))
        self.assertTrue(spc["patch"]["supported"])
        self.assertFalse(spc["bulk"]["supported"])
        self.assertTrue(spc["etag"]["supported"])
        status, types, _ = self.scim("GET", "/ResourceTypes")
        self.assertEqual(200, status, types)
        self.assertEqual({"User", "Group"}, {t["id"] for t in types["Resources"]})
        status, schemas, _ = self.scim("GET", "/Schemas")
        self.assertEqual(200, status, schemas)
        ids = {s["id"] for s in schemas["Resources"]}
        self.assertTrue({USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE, AWS_USER} <= ids, ids)
        status, user_schema, _ = self.scim("GET", "/Schemas/" + USER_SCHEMA)
        self.assertEqual(200, status)
        self.assertIn("userName", {a["name"] for a in user_schema["attributes"]})
        status, body, _ = self.scim("GET", "/Schemas/urn:nope")
        self.assertScimError(status, body, 404)

    # ---- Microsoft Entra ID ----

    def test_entra_user_sequence(self):
        """The requests of Entra's SCIM provisioning documentation, in its order and shapes."""
        name = "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081"
        self.reset_counters()
        status, found, _ = self.scim(
            "GET", '/Users?filter=userName+eq+%22' + name + '%22')
        self.assertEqual(200, status, found)
        self.assertEqual(0, found["totalResults"])
        self.assertEqual({"GetUser": 1}, self.iam_calls())  # find by userName: one call

        create = {
            "schemas": [USER_SCHEMA, ENTERPRISE],
            "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
            "userName": name,
            "active": True,
            "emails": [{"primary": True, "type": "work",
                        "value": "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com"}],
            "meta": {"resourceType": "User"},
            "name": {"formatted": "givenName familyName", "familyName": "familyName",
                     "givenName": "givenName"},
            "roles": []}
        status, user, hdrs = self.scim("POST", "/Users", create)
        self.assertEqual(201, status, user)
        uid = user["id"]
        self.assertTrue(uid.startswith("AIDA"), uid)
        self.assertEqual(name, user["userName"])
        self.assertTrue(user["active"])
        self.assertEqual(create["emails"], user["emails"])
        self.assertEqual(create["name"], user["name"])
        self.assertEqual(create["externalId"], user["externalId"])
        self.assertEqual("User", user["meta"]["resourceType"])
        self.assertEqual(self.base + "/Users/" + uid, hdrs["Location"])
        self.assertTrue(user["meta"]["version"].startswith('W/"'))
        got = self.aws("get-user", "--user-name", name)["User"]
        self.assertEqual(uid, got["UserId"])
        tags = self.tags_of(name)
        self.assertEqual(create["externalId"], tags["scim:externalId"])

        status, again, _ = self.scim("GET", "/Users/" + uid)
        self.assertEqual(200, status, again)
        self.assertEqual(user, again)  # what the client wrote reads back the same

        status, found, _ = self.scim("GET", '/Users?filter=userName%20eq%20%22' + name + '%22')
        self.assertEqual(1, found["totalResults"], found)
        self.assertEqual(uid, found["Resources"][0]["id"])

        # Entra's multi-attribute update.
        patch = {"schemas": [PATCH_OP], "Operations": [
            {"op": "Replace", "path": 'emails[type eq "work"].value',
             "value": "updatedEmail@microsoft.com"},
            {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}]}
        self.reset_counters()
        status, user, _ = self.scim("PATCH", "/Users/" + uid, patch)
        self.assertEqual(200, status, user)
        self.assertEqual({"GetUser": 2, "TagUser": 1}, self.iam_calls())
        self.assertEqual("updatedEmail@microsoft.com", user["emails"][0]["value"])
        self.assertEqual("updatedFamilyName", user["name"]["familyName"])
        status, again, _ = self.scim("GET", "/Users/" + uid)
        self.assertEqual(user, again)

        # Entra's single-valued update: a new userName renames the IAM user; the id stays.
        new_name = "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"
        patch = {"schemas": [PATCH_OP], "Operations": [
            {"op": "Replace", "path": "userName", "value": new_name}]}
        status, user, _ = self.scim("PATCH", "/Users/" + uid, patch)
        self.assertEqual(200, status, user)
        self.assertEqual(uid, user["id"])
        self.assertEqual(new_name, user["userName"])
        self.assertEqual(uid, self.aws("get-user", "--user-name", new_name)["User"]["UserId"])
        self.assertIn("error", self.aws("get-user", "--user-name", name))
        status, again, _ = self.scim("GET", "/Users/" + uid)
        self.assertEqual(new_name, again["userName"])
        name = new_name

        # Entra's manager and department (enterprise extension).
        patch = {"schemas": [PATCH_OP], "Operations": [
            {"op": "Add", "path": ENTERPRISE + ":department", "value": "Finance"}]}
        status, user, _ = self.scim("PATCH", "/Users/" + uid, patch)
        self.assertEqual(200, status, user)
        self.assertEqual("Finance", user[ENTERPRISE]["department"])
        self.assertEqual("Finance", self.tags_of(name)["scim:enterprise:department"])

        # Disable: "active" as the string "False", as Entra sends it.
        key = self.aws("create-access-key", "--user-name", name)["AccessKey"]["AccessKeyId"]
        self.reset_counters()
        patch = {"schemas": [PATCH_OP],
                 "Operations": [{"op": "Replace", "path": "active", "value": "False"}]}
        status, user, _ = self.scim("PATCH", "/Users/" + uid, patch)
        self.assertEqual(200, status, user)
        self.assertFalse(user["active"])
        deactivate_calls = self.iam_calls()
        keys = self.aws("list-access-keys", "--user-name", name)["AccessKeyMetadata"]
        self.assertEqual([(key, "Inactive")], [(k["AccessKeyId"], k["Status"]) for k in keys])
        # GetUser: the SCIM read, the connector's read for the difference, the disable record.
        self.assertEqual({"GetUser": 3, "GetLoginProfile": 1, "ListAccessKeys": 1,
                          "UpdateAccessKey": 1, "TagUser": 2}, deactivate_calls)

        # Delete.
        status, body, _ = self.scim("DELETE", "/Users/" + uid)
        self.assertEqual(204, status, body)
        self.assertIn("error", self.aws("get-user", "--user-name", name))
        status, body, _ = self.scim("GET", "/Users/" + uid)
        self.assertScimError(status, body, 404)

    def test_entra_group_sequence(self):
        users = []
        for i in range(2):
            status, u, _ = self.scim("POST", "/Users", {"schemas": [USER_SCHEMA],
                                                        "userName": "entra-member-%d" % i})
            self.assertEqual(201, status, u)
            users.append(u)
        status, found, _ = self.scim(
            "GET", '/Groups?excludedAttributes=members&filter=displayName%20eq%20%22Group1DisplayName%22')
        self.assertEqual(200, status, found)
        self.assertEqual(0, found["totalResults"])
        status, group, _ = self.scim("POST", "/Groups", {
            "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "id": "c4a3b2ac",
            "displayName": "Group1DisplayName", "schemas": [GROUP_SCHEMA],
            "meta": {"resourceType": "Group"}, "members": []})
        self.assertEqual(201, status, group)
        gid = group["id"]
        self.assertTrue(gid.startswith("AGPA"), gid)
        self.assertEqual([], group.get("members", []))
        self.assertEqual("Group1DisplayName",
                         self.aws("get-group", "--group-name", "Group1DisplayName")["Group"]["GroupName"])

        status, got, _ = self.scim("GET", "/Groups/" + gid + "?excludedAttributes=members")
        self.assertEqual(200, status, got)
        self.assertNotIn("members", got)

        add = {"schemas": [PATCH_OP], "Operations": [
            {"op": "Add", "path": "members",
             "value": [{"$ref": None, "value": u["id"]} for u in users]}]}
        status, body, _ = self.scim("PATCH", "/Groups/" + gid, add)
        self.assertIn(status, (200, 204), body)
        members = self.aws("get-group", "--group-name", "Group1DisplayName")["Users"]
        self.assertEqual(sorted(u["userName"] for u in users),
                         sorted(m["UserName"] for m in members))

        remove = {"schemas": [PATCH_OP], "Operations": [
            {"op": "Remove", "path": "members", "value": [{"$ref": None, "value": users[0]["id"]}]}]}
        status, body, _ = self.scim("PATCH", "/Groups/" + gid, remove)
        self.assertIn(status, (200, 204), body)
        members = self.aws("get-group", "--group-name", "Group1DisplayName")["Users"]
        self.assertEqual([users[1]["userName"]], [m["UserName"] for m in members])

        rename = {"schemas": [PATCH_OP], "Operations": [
            {"op": "Replace", "path": "displayName", "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]}
        status, body, _ = self.scim("PATCH", "/Groups/" + gid, rename)
        self.assertIn(status, (200, 204), body)
        got = self.aws("get-group", "--group-name", "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName")
        self.assertEqual(gid, got["Group"]["GroupId"])

        status, body, _ = self.scim("DELETE", "/Groups/" + gid)
        self.assertEqual(204, status, body)
        self.assertIn("error", self.aws("get-group", "--group-name",
                                        "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"))
        for u in users:
            self.assertEqual(204, self.scim("DELETE", "/Users/" + u["id"])[0])

    # ---- Okta ----

    def test_okta_user_sequence(self):
        status, found, _ = self.scim(
            "GET", '/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100')
        self.assertEqual(200, status, found)
        self.assertEqual({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                          "totalResults": 0, "startIndex": 1, "itemsPerPage": 0,
                          "Resources": []}, found)
        create = {"schemas": [USER_SCHEMA], "userName": "test.user@okta.local",
                  "name": {"givenName": "Test", "familyName": "User"},
                  "emails": [{"primary": True, "value": "test.user@okta.local", "type": "work"}],
                  "displayName": "Test User", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
                  "groups": [], "password": PASSWORD, "active": True}
        status, user, _ = self.scim("POST", "/Users", create)
        self.assertEqual(201, status, user)
        uid = user["id"]
        self.assertNotIn("password", user)
        self.assertNotIn(PASSWORD, json.dumps(user))
        profile = self.aws("get-login-profile", "--user-name", "test.user@okta.local")
        self.assertTrue(profile["LoginProfile"]["PasswordResetRequired"])

        # PUT of the whole user (Okta's profile update).
        put = dict(create)
        del put["password"]
        put["id"] = uid
        put["name"] = {"givenName": "Another", "familyName": "User"}
        put["displayName"] = "Another User"
        status, user, _ = self.scim("PUT", "/Users/" + uid, put)
        self.assertEqual(200, status, user)
        self.assertEqual("Another", user["name"]["givenName"])
        self.assertEqual("Another User", user["displayName"])

        # Deactivate with a value object and no path.
        patch = {"schemas": [PATCH_OP], "Operations": [{"op": "replace", "value": {"active": False}}]}
        status, user, _ = self.scim("PATCH", "/Users/" + uid, patch)
        self.assertEqual(200, status, user)
        self.assertFalse(user["active"])
        self.assertIn("error", self.aws("get-login-profile", "--user-name", "test.user@okta.local"))
        # Reactivate with a new password.
        patch = {"schemas": [PATCH_OP], "Operations": [
            {"op": "replace", "value": {"active": True, "password": PASSWORD + "2"}}]}
        status, user, _ = self.scim("PATCH", "/Users/" + uid, patch)
        self.assertEqual(200, status, user)
        self.assertTrue(user["active"])
        self.aws("get-login-profile", "--user-name", "test.user@okta.local")["LoginProfile"]
        self.assertNotIn(PASSWORD, self.server.log())

        # Okta's import: every user, page by page.
        ids, start, total = [], 1, None
        while total is None or start <= total:
            status, page, _ = self.scim("GET", "/Users?startIndex=%d&count=100" % start)
            self.assertEqual(200, status, page)
            total = page["totalResults"]
            ids += [u["id"] for u in page["Resources"]]
            start += 100
        self.assertEqual(total, len(ids))
        self.assertIn(uid, ids)

        status, body, _ = self.scim("DELETE", "/Users/" + uid)
        self.assertEqual(204, status, body)

    def test_okta_group_sequence(self):
        status, u, _ = self.scim("POST", "/Users", {"schemas": [USER_SCHEMA],
                                                    "userName": "okta-member"})
        self.assertEqual(201, status, u)
        # Okta's example name has a space, which IAM refuses: a clear 400 that names the rule.
        status, body, _ = self.scim("POST", "/Groups", {"schemas": [GROUP_SCHEMA],
                                                        "displayName": "Test SCIMv2",
                                                        "members": []})
        self.assertScimError(status, body, 400, "invalidValue")
        self.assertIn("A-Z a-z 0-9", body["detail"])
        status, group, _ = self.scim("POST", "/Groups", {"schemas": [GROUP_SCHEMA],
                                                         "displayName": "Test-SCIMv2",
                                                         "members": []})
        self.assertEqual(201, status, group)
        gid = group["id"]
        status, groups, _ = self.scim("GET", "/Groups?startIndex=1&count=100")
        self.assertEqual(200, status, groups)
        self.assertIn(gid, [g["id"] for g in groups["Resources"]])
        status, got, _ = self.scim("GET", "/Groups/" + gid)
        self.assertEqual("Test-SCIMv2", got["displayName"])
        patch = {"schemas": [PATCH_OP], "Operations": [
            {"op": "replace", "value": {"id": gid, "displayName": "Test-SCIMv2-renamed"}}]}
        status, body, _ = self.scim("PATCH", "/Groups/" + gid, patch)
        self.assertIn(status, (200, 204), body)
        patch = {"schemas": [PATCH_OP], "Operations": [
            {"op": "add", "path": "members", "value": [{"value": u["id"], "display": "okta-member"}]}]}
        status, body, _ = self.scim("PATCH", "/Groups/" + gid, patch)
        self.assertIn(status, (200, 204), body)
        status, user, _ = self.scim("GET", "/Users/" + u["id"] + "?attributes=groups")
        self.assertEqual([{"value": gid, "display": "Test-SCIMv2-renamed"}],
                         [{"value": g["value"], "display": g["display"]} for g in user["groups"]])
        patch = {"schemas": [PATCH_OP], "Operations": [
            {"op": "remove", "path": 'members[value eq "%s"]' % u["id"]}]}
        status, body, _ = self.scim("PATCH", "/Groups/" + gid, patch)
        self.assertIn(status, (200, 204), body)
        self.assertEqual([], self.aws("get-group", "--group-name", "Test-SCIMv2-renamed")["Users"])
        self.assertEqual(204, self.scim("DELETE", "/Groups/" + gid)[0])
        self.assertEqual(204, self.scim("DELETE", "/Users/" + u["id"])[0])

    def test_search_request_sorting_and_projection(self):
        made = []
        for name in ("srch-b", "srch-a", "srch-c"):
            status, u, _ = self.scim("POST", "/Users", {"schemas": [USER_SCHEMA], "userName": name,
                                                        "title": "T-" + name})
            self.assertEqual(201, status, u)
            made.append(u["id"])
        status, found, _ = self.scim("POST", "/Users/.search", {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
            "filter": 'userName sw "srch-"', "attributes": ["userName"],
            "sortBy": "userName", "sortOrder": "descending", "startIndex": 2, "count": 1})
        self.assertEqual(200, status, found)
        self.assertEqual(3, found["totalResults"])
        self.assertEqual(2, found["startIndex"])
        self.assertEqual(1, found["itemsPerPage"])
        self.assertEqual([["srch-b"]], [[r["userName"]] for r in found["Resources"]])
        self.assertEqual({"id", "userName", "schemas"} | ({"meta"} & set(found["Resources"][0])),
                         set(found["Resources"][0]))
        status, found, _ = self.scim("GET", "/Users?filter=title%20ew%20%22-srch-c%22"
                                     "&excludedAttributes=title")
        self.assertEqual(["srch-c"], [r["userName"] for r in found["Resources"]])
        self.assertNotIn("title", found["Resources"][0])
        for uid in made:
            self.assertEqual(204, self.scim("DELETE", "/Users/" + uid)[0])

    # ---- what IAM keeps ----

    def test_extension_attributes_reach_iam(self):
        self.aws("create-policy", "--policy-name", "scim-ent",
                 "--policy-document", json.dumps({"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}))
        arn = "arn:aws:iam::123456789012:policy/scim-ent"
        status, user, _ = self.scim("POST", "/Users", {
            "schemas": [USER_SCHEMA, AWS_USER], "userName": "ext-user",
            "title": "O'Brien & Sons: <engineer>",
            "entitlements": [{"value": arn}],
            AWS_USER: {"path": "/scim/", "tags": [{"key": "team", "value": "blue"}],
                       "passwordResetRequired": False}})
        self.assertEqual(201, status, user)
        self.assertEqual("O'Brien & Sons: <engineer>", user["title"])
        self.assertEqual([arn], [e["value"] for e in user["entitlements"]])
        got = self.aws("get-user", "--user-name", "ext-user")["User"]
        self.assertEqual("/scim/", got["Path"])
        tags = self.tags_of("ext-user")
        self.assertEqual("blue", tags["team"])
        self.assertTrue(tags["scim:title"].startswith("b64:"), tags)
        attached = self.aws("list-attached-user-policies", "--user-name", "ext-user")
        self.assertEqual([arn], [p["PolicyArn"] for p in attached["AttachedPolicies"]])
        status, again, _ = self.scim("GET", "/Users/" + user["id"] + "?attributes=title,entitlements,"
                                     + AWS_USER + ":tags")
        self.assertEqual(200, status, again)
        self.assertEqual(user["title"], again["title"])
        self.assertEqual([{"key": "team", "value": "blue"}], again[AWS_USER]["tags"])
        # Detach through a PATCH of entitlements.
        patch = {"schemas": [PATCH_OP], "Operations": [
            {"op": "remove", "path": 'entitlements[value eq "%s"]' % arn}]}
        status, body, _ = self.scim("PATCH", "/Users/" + user["id"], patch)
        self.assertEqual(200, status, body)
        attached = self.aws("list-attached-user-policies", "--user-name", "ext-user")
        self.assertEqual([], attached["AttachedPolicies"])
        self.assertEqual(204, self.scim("DELETE", "/Users/" + user["id"])[0])

    def test_too_many_tags_is_a_clear_400_and_changes_nothing(self):
        tags = [{"key": "k%d" % i, "value": "v"} for i in range(47)]
        status, body, _ = self.scim("POST", "/Users", {
            "schemas": [USER_SCHEMA, AWS_USER], "userName": "tag-heavy", "displayName": "x",
            "title": "y", AWS_USER: {"tags": tags}})
        self.assertScimError(status, body, 400, "invalidValue")
        self.assertIn("tags", body["detail"])
        self.assertIn("error", self.aws("get-user", "--user-name", "tag-heavy"))
        status, body, _ = self.scim("POST", "/Users", {
            "schemas": [USER_SCHEMA], "userName": "long-value", "displayName": "x" * 300})
        self.assertScimError(status, body, 400, "invalidValue")
        self.assertIn("displayName", body["detail"])

    # ---- errors ----

    def test_errors(self):
        status, body, _ = self.scim("GET", '/Users?filter=userName%20eq')
        self.assertScimError(status, body, 400, "invalidFilter")
        status, body, _ = self.scim("POST", "/Users", "{not json")
        self.assertScimError(status, body, 400, "invalidSyntax")
        status, body, _ = self.scim("POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "r",
                                                       "roles": [{"value": "admin"}]})
        self.assertScimError(status, body, 400, "invalidValue")
        self.assertIn("roles", body["detail"])
        status, body, _ = self.scim("PATCH", "/Users/AIDANOSUCHUSER0000000", {
            "schemas": [PATCH_OP], "Operations": [{"op": "replace", "path": "title", "value": "x"}]})
        self.assertScimError(status, body, 404)
        status, body, _ = self.scim("GET", "/Users/AIDANOSUCHUSER0000000")
        self.assertScimError(status, body, 404)
        status, user, _ = self.scim("POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "Dup"})
        self.assertEqual(201, status, user)
        status, body, _ = self.scim("POST", "/Users", {"schemas": [USER_SCHEMA], "userName": "dup"})
        self.assertScimError(status, body, 409, "uniqueness")
        status, body, _ = self.scim("PATCH", "/Users/" + user["id"],
                                    {"schemas": [PATCH_OP], "Operations": [
                                        {"op": "replace", "path": "displayName", "value": "x"}]},
                                    headers={"If-Match": 'W/"0000"'})
        self.assertScimError(status, body, 412)
        status, body, _ = self.scim("PATCH", "/Users/" + user["id"],
                                    {"schemas": [PATCH_OP], "Operations": [
                                        {"op": "replace", "path": "displayName", "value": "x"}]},
                                    headers={"If-Match": user["meta"]["version"]})
        self.assertEqual(200, status, body)
        status, body, _ = self.scim("PATCH", "/Users/" + user["id"],
                                    {"schemas": [PATCH_OP], "Operations": [
                                        {"op": "replace", "path": "meta.created",
                                         "value": "2020-01-01T00:00:00Z"}]})
        self.assertScimError(status, body, 400, "mutability")
        status, body, _ = self.scim("PATCH", "/Users/" + user["id"],
                                    {"schemas": [PATCH_OP], "Operations": [{"op": "remove"}]})
        self.assertScimError(status, body, 400, "noTarget")
        status, body, _ = self.scim("PATCH", "/Users/" + user["id"],
                                    {"schemas": [PATCH_OP], "Operations": [
                                        {"op": "replace", "path": "nosuchattr", "value": "x"}]})
        self.assertScimError(status, body, 400, "invalidPath")
        status, body, _ = self.scim("GET", "/Users?startIndex=abc")
        self.assertScimError(status, body, 400, "invalidValue")
        status, body, _ = self.scim("POST", "/Groups", {"schemas": [GROUP_SCHEMA],
                                                        "displayName": "nested",
                                                        "members": [{"value": "AGPAX", "type": "Group"}]})
        self.assertScimError(status, body, 400, "invalidValue")
        self.assertIn("error", self.aws("get-group", "--group-name", "nested"))
        self.assertEqual(204, self.scim("DELETE", "/Users/" + user["id"])[0])

    def test_throttling_beyond_retries_is_429_with_retry_after(self):
        h.emulator_admin(self.emulator.url, "POST", "/_emulator/faults", {"throttle_rate": 1.0})
        try:
            status, body, hdrs = self.scim("GET", '/Users?filter=userName%20eq%20%22x%22')
        finally:
            h.emulator_admin(self.emulator.url, "POST", "/_emulator/faults", {"throttle_rate": 0})
        self.assertScimError(status, body, 429)
        self.assertTrue(int(hdrs["Retry-After"]) > 0)

    # ---- configured tokens and limits ----

    def test_configured_tokens_and_listing_limits(self):
        """A server file's scimTokens (a plain token is stored as its digest, no scim-token file
        is made), scimMaxResults caps a page, scimMaxListResources refuses a larger listing."""
        for i in range(3):
            self.aws("create-user", "--user-name", "limit-%d" % i)
        work = tempfile.mkdtemp(prefix="aic_scim_limits_")
        token = "Zk3v9Qm2Lp8Xr5Tb1Wn7Yc4Hd6Jf0Gs_A"
        server_file = os.path.join(work, "server.json")
        with open(server_file, "w", encoding="utf-8") as f:
            json.dump({"host": "127.0.0.1", "port": 0, "dataDir": "state",
                       "keyFile": os.path.join(self.dir, "connector.key"),
                       "connectors": [os.path.join(self.dir, "provisioner.openicf-aws.json")],
                       "scimTokens": [{"name": "limits", "token": token}],
                       "scimMaxResults": 2, "scimMaxListResources": 2}, f)
        server = h.Process(["serve", "--server-config", server_file])
        try:
            with open(server_file, encoding="utf-8") as f:
                stored = f.read()
            self.assertNotIn(token, stored)
            self.assertIn('"tokenSha256"', stored)
            self.assertFalse(os.path.exists(os.path.join(work, "state", "scim-token")))
            base, saved = self.base, self.token
            self.base, self.token = server.url + "/scim/v2/aws", token
            try:
                status, page, _ = self.scim("GET", '/Users?filter=userName%20sw%20%22limit-%22'
                                            "&count=50")
                self.assertScimError(status, page, 400, "tooMany")
                status, page, _ = self.scim("GET", "/Users?filter=userName%20eq%20%22limit-1%22"
                                            "&count=50")
                self.assertEqual(200, status, page)  # one read, no listing: under the limit
                self.assertEqual(1, page["itemsPerPage"])
                status, spc, _ = self.scim("GET", "/ServiceProviderConfig")
                self.assertEqual(2, spc["filter"]["maxResults"])
                self.token = saved  # the data-dir token of the other server is not valid here
                status, body, _ = self.scim("GET", "/ServiceProviderConfig")
                self.assertScimError(status, body, 401)
            finally:
                self.base, self.token = base, saved
            self.assertNotIn(token, server.log())
        finally:
            server.stop()
            shutil.rmtree(work, ignore_errors=True)
        for i in range(3):
            self.aws("delete-user", "--user-name", "limit-%d" % i)

    def test_max_results_caps_a_page(self):
        status, page, _ = self.scim("GET", "/Users?count=100000")
        self.assertEqual(200, status, page)
        # scimMaxResults' default caps the page, whatever the client asks for.
        self.assertEqual(min(page["totalResults"], 1000), page["itemsPerPage"])
        self.assertEqual(page["itemsPerPage"], len(page["Resources"]))

    # ---- budgets ----

    def test_call_budgets(self):
        for g in ("budget-g1", "budget-g2", "budget-big"):
            self.aws("create-group", "--group-name", g)
        status, groups, _ = self.scim("GET", "/Groups?excludedAttributes=members")
        gids = {g["displayName"]: g["id"] for g in groups["Resources"]}

        # Create a user and put it into 2 groups (POST /Users, then a PATCH per group).
        self.reset_counters()
        status, user, _ = self.scim("POST", "/Users", {"schemas": [USER_SCHEMA],
                                                       "userName": "budget-user"})
        self.assertEqual(201, status, user)
        for g in ("budget-g1", "budget-g2"):
            status, body, _ = self.scim("PATCH", "/Groups/" + gids[g], {
                "schemas": [PATCH_OP],
                "Operations": [{"op": "add", "path": "members", "value": [{"value": user["id"]}]}]})
            self.assertIn(status, (200, 204), body)
        self.assertEqual({"CreateUser": 1, "GetGroup": 4, "AddUserToGroup": 2}, self.iam_calls())

        # Add 10 members to a group in one PATCH.
        members = []
        for i in range(10):
            status, u, _ = self.scim("POST", "/Users", {"schemas": [USER_SCHEMA],
                                                        "userName": "budget-m%d" % i})
            members.append(u["id"])
        self.reset_counters()
        status, body, _ = self.scim("PATCH", "/Groups/" + gids["budget-big"], {
            "schemas": [PATCH_OP],
            "Operations": [{"op": "add", "path": "members",
                            "value": [{"value": m} for m in members]}]})
        self.assertIn(status, (200, 204), body)
        self.assertEqual({"GetGroup": 2, "AddUserToGroup": 10}, self.iam_calls())

    def test_list_2500_users_in_pages_of_100(self):
        emu = os.path.join(self.dir, "bulk")
        # 2,500 users straight into IAM (not through SCIM), then paged through SCIM.
        import boto3  # pylint: disable=import-outside-toplevel
        iam = boto3.client("iam", endpoint_url=self.emulator.url + "/",
                           aws_access_key_id="test", aws_secret_access_key="test",
                           region_name="us-east-1")
        existing = {u["UserName"] for page in iam.get_paginator("list_users").paginate()
                    for u in page["Users"]}
        for i in range(2500):
            iam.create_user(UserName="bulk-%04d" % i)
        total = len(existing) + 2500
        self.reset_counters()
        seen = []
        start = 1
        while True:
            status, page, _ = self.scim("GET", "/Users?startIndex=%d&count=100" % start)
            self.assertEqual(200, status, page)
            self.assertEqual(total, page["totalResults"])
            seen += [u["userName"] for u in page["Resources"]]
            if start + 100 > total:
                break
            start += 100
        self.assertEqual(total, len(seen))
        self.assertEqual(total, len(set(seen)))
        pages = -(-total // 1000)
        self.assertEqual({"GetAccountAuthorizationDetails": pages, "ListUsers": pages},
                         self.iam_calls())
        del emu


if __name__ == "__main__":
    unittest.main()
