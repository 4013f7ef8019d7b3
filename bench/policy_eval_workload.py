#!/usr/bin/env python3
"""Workload for bench/policy_eval_bench.sh: a user's 10 attached policies of 20 statements each,
and the requests evaluated against them, as one JSON file both engines read.

  policy_eval_workload.py OUT.json

Statements mix action lists, service-prefix wildcards, exact and wildcard resource ARNs and a
Deny; no Condition (moto's evaluator ignores most operators, so both engines get documents they
evaluate in full). The requests: one allowed only by the last statement of the last policy, one
allowed early, one implicitly denied (every statement scanned), one explicitly denied.
"""

import json
import sys

ACCOUNT = "123456789012"
VERBS = ["Get", "List", "Create", "Delete", "Update", "Tag", "Untag", "Attach", "Detach", "Put"]
NOUNS = ["User", "Group", "Role", "Policy", "AccessKey", "LoginProfile", "InstanceProfile",
         "SSHPublicKey", "SigningCertificate", "ServiceSpecificCredential"]


def statement(p, s):
    verb = VERBS[(p + s) % len(VERBS)]
    nouns = [NOUNS[(p * 3 + s + k) % len(NOUNS)] for k in range(3)]
    actions = [f"iam:{verb}{n}" for n in nouns]
    if s % 5 == 0:
        actions.append(f"ec2:Describe{NOUNS[s % len(NOUNS)]}*")
    resources = [f"arn:aws:iam::{ACCOUNT}:user/team-{p:02d}/{s:02d}-*",
                 f"arn:aws:iam::{ACCOUNT}:group/team-{p:02d}-?{s % 10}"]
    st = {"Sid": f"P{p}S{s}", "Effect": "Allow", "Action": actions, "Resource": resources}
    if p == 4 and s == 7:
        st = {"Sid": "DenyBreakGlass", "Effect": "Deny", "Action": "iam:*",
              "Resource": f"arn:aws:iam::{ACCOUNT}:user/break-glass/*"}
    return st


def main():
    policies = []
    for p in range(10):
        policies.append({"Version": "2012-10-17",
                         "Statement": [statement(p, s) for s in range(20)]})
    # The last statement of the last policy: p=9, s=19.
    last = statement(9, 19)
    requests = [
        {"name": "allowed-by-last", "action": last["Action"][0],
         "resource": f"arn:aws:iam::{ACCOUNT}:user/team-09/19-alice", "decision": "allowed"},
        {"name": "allowed-early", "action": statement(0, 0)["Action"][1],
         "resource": f"arn:aws:iam::{ACCOUNT}:user/team-00/00-bob", "decision": "allowed"},
        {"name": "implicit-deny", "action": "iam:CreateAccountAlias", "resource": "*",
         "decision": "implicitDeny"},
        {"name": "explicit-deny", "action": "iam:DeleteUser",
         "resource": f"arn:aws:iam::{ACCOUNT}:user/break-glass/root-ops",
         "decision": "explicitDeny"},
    ]
    json.dump({"policies": [json.dumps(p) for p in policies], "requests": requests},
              open(sys.argv[1], "w"), indent=1)


if __name__ == "__main__":
    main()
