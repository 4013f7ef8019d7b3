#!/usr/bin/env python3
"""Generates src/emulator/state/input_constraints.cc from the AWS models.

For every IAM and STS operation, the input members and the constraints AWS validates before an
operation runs: required, min/max (string length, list size, integer value), pattern, enum; list
element shapes and structure members recursively. Run by hand when the models change; the output
is committed (the emulator cannot read the models at run time):

  scripts/gen_input_constraints.py [MODELS_DIR] > src/emulator/state/input_constraints.cc
  clang-format -i src/emulator/state/input_constraints.cc

MODELS_DIR defaults to /work/shared/testdata/aws-models (holds iam/ and sts/service-2.json).
"""
import json
import sys

SERVICES = ("iam", "sts")
KINDS = {"string": "kString", "integer": "kInteger", "long": "kInteger", "boolean": "kBoolean",
         "timestamp": "kTimestamp", "list": "kList", "structure": "kStructure", "blob": "kBlob"}


def cpp_str(s):
    # A raw string literal cannot hold every pattern safely; escape as an ordinary literal.
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            raise SystemExit("non-ASCII character in the model: %r" % s)
    return '"' + "".join(out) + '"'


def main():
    models = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/testdata/aws-models"
    shapes = []  # (kind, min, max, pattern, enum_first, enum_count, first, count, name)
    index = {}  # (service, shape name) -> shape index
    members = []  # (name, shape, required)
    enums = []
    patterns = []
    operations = []  # (service, action, input shape or -1)

    def pattern_id(p):
        if p not in patterns:
            patterns.append(p)
        return patterns.index(p)

    def add(svc, model, name):
        key = (svc, name)
        if key in index:
            return index[key]
        s = model["shapes"][name]
        kind = KINDS.get(s["type"])
        if kind is None:
            raise SystemExit("unsupported input shape type %s (%s)" % (s["type"], name))
        i = len(shapes)
        index[key] = i
        shapes.append(None)
        lo = s.get("min")
        hi = s.get("max")
        pat = pattern_id(s["pattern"]) if "pattern" in s else -1
        enum_first, enum_count = len(enums), 0
        if "enum" in s:
            enums.extend(s["enum"])
            enum_count = len(s["enum"])
        first, count = 0, 0
        if s["type"] == "list":
            if s.get("flattened") or "locationName" in s["member"]:
                raise SystemExit("flattened/renamed list %s: not handled" % name)
            first = add(svc, model, s["member"]["shape"])
        elif s["type"] == "structure":
            required = set(s.get("required", []))
            entries = []
            for mname, m in s["members"].items():
                if "locationName" in m or m.get("flattened"):
                    raise SystemExit("renamed member %s.%s: not handled" % (name, mname))
                entries.append((mname, add(svc, model, m["shape"]), mname in required))
            first, count = len(members), len(entries)
            members.extend(entries)
        shapes[i] = (kind, lo, hi, pat, enum_first, enum_count, first, count, "%s.%s" % (svc, name))
        return i

    for svc in SERVICES:
        with open("%s/%s/service-2.json" % (models, svc)) as f:
            model = json.load(f)
        if model["metadata"]["protocol"] != "query":
            raise SystemExit("%s is not a query-protocol model" % svc)
        for action, op in sorted(model["operations"].items()):
            inp = add(svc, model, op["input"]["shape"]) if "input" in op else -1
            operations.append((svc, action, inp))

    out = []
    w = out.append
    w("// Generated from service-2.json (testdata/aws-models/{iam,sts}) by")
    w("// scripts/gen_input_constraints.py: do not edit by hand. The input members of every IAM")
    w("// and STS operation and the constraints AWS validates before the operation runs.")
    w('#include "emulator/state/input_constraints.h"')
    w("")
    w("namespace aic::emulator::state::constraints {")
    w("namespace {")
    w("")
    w("constexpr std::string_view kPatternTable[] = {")
    for p in patterns:
        w("    %s," % cpp_str(p))
    w("};")
    w("")
    w("constexpr std::string_view kEnumTable[] = {")
    for e in enums:
        w("    %s," % cpp_str(e))
    w("};")
    w("")
    w("constexpr Member kMemberTable[] = {")
    for name, shape, req in members:
        w("    {%s, %d, %s}," % (cpp_str(name), shape, "true" if req else "false"))
    w("};")
    w("")
    w("// kind, has_min, min, has_max, max, pattern, enum_first, enum_count, first, count")
    w("constexpr Shape kShapeTable[] = {")
    for kind, lo, hi, pat, ef, ec, first, count, name in shapes:
        w("    {Kind::%s, %s, %d, %s, %d, %d, %d, %d, %d, %d},  // %s" % (
            kind, "true" if lo is not None else "false", lo or 0,
            "true" if hi is not None else "false", hi or 0, pat, ef, ec, first, count, name))
    w("};")
    w("")
    w("// Sorted by service, then action.")
    w("constexpr Operation kOperationTable[] = {")
    for svc, action, inp in operations:
        w("    {%s, %s, %d}," % (cpp_str(svc), cpp_str(action), inp))
    w("};")
    w("")
    w("}  // namespace")
    w("")
    w("std::span<const std::string_view> Patterns() { return kPatternTable; }")
    w("std::span<const std::string_view> EnumValues() { return kEnumTable; }")
    w("std::span<const Member> Members() { return kMemberTable; }")
    w("std::span<const Shape> Shapes() { return kShapeTable; }")
    w("std::span<const Operation> Operations() { return kOperationTable; }")
    w("")
    w("}  // namespace aic::emulator::state::constraints")
    print("\n".join(out))
    print("%d operations, %d shapes, %d members, %d patterns" % (
        len(operations), len(shapes), len(members), len(patterns)), file=sys.stderr)


if __name__ == "__main__":
    main()
