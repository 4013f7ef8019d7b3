"""Checks every successful Query-API response against the operation's output shape.

botocore parses XML by element name and ignores order and unknown elements, so a response can
satisfy boto3 and still differ from AWS's. Registered on every boto3 client the harness makes
(against the emulator), this raises ShapeError from the client call when the body breaks the
model botocore carries: the root is <OperationResponse>, the result is <OperationResult> then
<ResponseMetadata>; each structure's elements are members of its shape, in the model's order,
with no repeats and with the required members present; lists hold <member> elements; maps hold
<entry><key/><value/></entry>; scalars have no child elements and the form of their type.
"""

import re
import xml.etree.ElementTree as ElementTree

_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
_INTEGER = re.compile(r"^-?\d+$")

# Members AWS itself leaves out although the model marks them required (with the evidence).
_OPTIONAL_REQUIRED = {
    # A key never used has no LastUsedDate (GetAccessKeyLastUsed, AWS's documentation).
    ("AccessKeyLastUsed", "LastUsedDate"),
    # GetUser signed by the account root answers UserId, Arn and CreateDate only (no UserName
    # or Path): AWS's GetUser documentation ("If you do not specify a user name, IAM determines
    # the user name implicitly based on the AWS access key ID ...") and recorded root answers.
    ("User", "Path"),
    ("User", "UserName"),
}


class ShapeError(AssertionError):
    pass


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _check(node, shape, where):
    kind = shape.type_name
    children = [c for c in node if isinstance(c.tag, str)]
    if kind == "structure":
        order = list(shape.members)
        last = -1
        seen = set()
        for child in children:
            name = _local(child.tag)
            if name not in shape.members:
                raise ShapeError(f"{where}: <{name}> is not a member of {shape.name}")
            index = order.index(name)
            if name in seen:
                raise ShapeError(f"{where}: <{name}> repeated in {shape.name}")
            if index < last:
                raise ShapeError(f"{where}: <{name}> out of order in {shape.name} "
                                 f"(model order: {order})")
            last = index
            seen.add(name)
            _check(child, shape.members[name], f"{where}/{name}")
        for required in shape.required_members:
            if required not in seen and (shape.name, required) not in _OPTIONAL_REQUIRED:
                raise ShapeError(f"{where}: required <{required}> missing in {shape.name}")
    elif kind == "list":
        for child in children:
            if _local(child.tag) != "member":
                raise ShapeError(f"{where}: list element <{_local(child.tag)}> is not <member>")
            _check(child, shape.member, f"{where}/member")
    elif kind == "map":
        for entry in children:
            names = [_local(c.tag) for c in entry]
            if _local(entry.tag) != "entry" or names != ["key", "value"]:
                raise ShapeError(f"{where}: map entry is not <entry><key/><value/></entry>")
            _check(entry[1], shape.value, f"{where}/entry/value")
    else:
        if children:
            raise ShapeError(f"{where}: scalar {shape.name} has child elements")
        text = node.text or ""
        if kind == "timestamp" and not _TIMESTAMP.match(text):
            raise ShapeError(f"{where}: timestamp {text!r} is not ISO 8601 UTC")
        if kind == "boolean" and text not in ("true", "false"):
            raise ShapeError(f"{where}: boolean {text!r}")
        if kind in ("integer", "long") and not _INTEGER.match(text):
            raise ShapeError(f"{where}: integer {text!r}")


def check_response(operation_model, body):
    """Raises ShapeError when `body` (bytes) is not what the model says the operation returns."""
    name = operation_model.name
    root = ElementTree.fromstring(body)
    if _local(root.tag) != name + "Response":
        raise ShapeError(f"{name}: root is <{_local(root.tag)}>")
    children = [_local(c.tag) for c in root]
    output = operation_model.output_shape
    if output is None:
        if children != ["ResponseMetadata"]:
            raise ShapeError(f"{name}: expected only <ResponseMetadata>, got {children}")
        return
    if children != [name + "Result", "ResponseMetadata"]:
        raise ShapeError(f"{name}: expected <{name}Result> and <ResponseMetadata>, got {children}")
    # An output without members still has its (empty) result wrapper, e.g. <UpdateRoleResult/>:
    # AWS sends it and botocore's parser needs it.
    _check(root[0], output, name)


def register(client):
    """Checks every 2xx response this boto3 client receives."""

    def before_parse(operation_model=None, response_dict=None, **_):
        if response_dict is None or not 200 <= response_dict.get("status_code", 0) < 300:
            return
        check_response(operation_model, response_dict["body"])

    service = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register(f"before-parse.{service}", before_parse)
    return client
