#!/usr/bin/env python3
"""Peer for bench/policy_eval_bench.sh: moto's IAM policy evaluator
(moto.iam.access_control.IAMPolicy, what `moto.server` uses when it enforces IAM) on the same
workload as policy_eval_bench: 10 policies of 20 statements, the same requests.

  policy_eval_moto.py WORKLOAD.json [SECONDS=3]

Policies are parsed once (IAMPolicy objects built up front), as ours are; each evaluation asks
every policy, explicit deny first. Prints one line per request: name, decision, evaluations/s.
"""

import json
import sys
import time

from moto.iam.access_control import IAMPolicy, PermissionResult


def decide(policies, action, resource):
    allowed = False
    for policy in policies:
        result = policy.is_action_permitted(action, resource)
        if result == PermissionResult.DENIED:
            return "explicitDeny"
        if result == PermissionResult.PERMITTED:
            allowed = True
    return "allowed" if allowed else "implicitDeny"


def main():
    workload = json.load(open(sys.argv[1]))
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    policies = [IAMPolicy(text) for text in workload["policies"]]
    for request in workload["requests"]:
        decision = decide(policies, request["action"], request["resource"])
        if decision != request["decision"]:
            sys.exit(f"moto decides {decision} for {request['name']}, expected {request['decision']}")
        count, start = 0, time.perf_counter()
        while True:
            for _ in range(100):
                decide(policies, request["action"], request["resource"])
            count += 100
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        print(f"moto {request['name']} {decision} {count / elapsed:.0f}")


if __name__ == "__main__":
    main()
