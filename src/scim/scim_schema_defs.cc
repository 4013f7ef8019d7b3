// The schemas and resource types this service provider offers (the definitions behind
// UserResourceType(), GroupResourceType(), AllSchemas() and CommonAttributes()). Descriptions
// follow RFC 7643 sections 4 and 8.7, shortened; the AWS extensions are this project's.
#include <initializer_list>
#include <utility>

#include "scim/scim_schema.h"

namespace aic::scim {
namespace {

// A small builder: RFC 7643 2.2 defaults (string, single-valued, optional, caseExact false,
// readWrite, returned default, uniqueness none) and one call per departure from them.
class Attr {
 public:
  Attr(std::string name, AttrType type, std::string description) {
    d_.name = std::move(name);
    d_.type = type;
    d_.description = std::move(description);
  }
  Attr& Multi() { return Set(d_.multi_valued, true); }
  Attr& Required() { return Set(d_.required, true); }
  Attr& CaseExact() { return Set(d_.case_exact, true); }
  Attr& ReadOnly() { return Set(d_.mutability, Mutability::kReadOnly); }
  Attr& Immutable() { return Set(d_.mutability, Mutability::kImmutable); }
  Attr& WriteOnly() { return Set(d_.mutability, Mutability::kWriteOnly); }
  Attr& Returns(Returned r) { return Set(d_.returned, r); }
  Attr& UniqueOnServer() { return Set(d_.uniqueness, Uniqueness::kServer); }
  Attr& Canonical(std::initializer_list<std::string> values) {
    d_.canonical_values = values;
    return *this;
  }
  Attr& References(std::initializer_list<std::string> types) {
    d_.reference_types = types;
    return *this;
  }
  Attr& Subs(std::initializer_list<AttributeDef> subs) {
    d_.sub_attributes = subs;
    return *this;
  }
  operator AttributeDef() const { return d_; }  // NOLINT: a builder converts implicitly

 private:
  template <class T>
  Attr& Set(T& field, T value) {
    field = value;
    return *this;
  }
  AttributeDef d_;
};

Attr Str(std::string name, std::string description) {
  return Attr(std::move(name), AttrType::kString, std::move(description));
}
Attr Bool(std::string name, std::string description) {
  return Attr(std::move(name), AttrType::kBoolean, std::move(description));
}
Attr Ref(std::string name, std::string description) {
  return Attr(std::move(name), AttrType::kReference, std::move(description));
}
Attr Complex(std::string name, std::string description) {
  return Attr(std::move(name), AttrType::kComplex, std::move(description));
}
Attr Date(std::string name, std::string description) {
  return Attr(std::move(name), AttrType::kDateTime, std::move(description));
}

// emails, phoneNumbers: value, display, type, primary.
Attr ContactList(std::string name, std::string description,
                 std::initializer_list<std::string> types) {
  return Complex(std::move(name), std::move(description))
      .Multi()
      .Subs({Str("value", "The value, e.g. an address or a number."),
             Str("display", "A human-readable name, primarily used for display purposes."),
             Str("type", "A label indicating the attribute's function.").Canonical(types),
             Bool("primary", "Whether this is the primary value of the attribute.")});
}

SchemaDef MakeUserSchema() {
  SchemaDef s{std::string(kUserSchema), "User", "User Account", {}};
  s.attributes = {
      Str("userName", "Unique identifier for the User, used to authenticate; the IAM user name.")
          .Required()
          .UniqueOnServer(),
      Complex("name", "The components of the user's real name.")
          .Subs({Str("formatted", "The full name, formatted for display."),
                 Str("familyName", "The family name (last name)."),
                 Str("givenName", "The given name (first name)."),
                 Str("middleName", "The middle name(s)."),
                 Str("honorificPrefix", "The honorific prefix(es), e.g. 'Ms.'."),
                 Str("honorificSuffix", "The honorific suffix(es), e.g. 'III'.")}),
      Str("displayName", "The name of the User, suitable for display to end-users."),
      Str("nickName", "The casual way to address the user."),
      Str("title", "The user's title, such as 'Vice President'."),
      Str("userType", "The relationship between the organization and the user."),
      Str("preferredLanguage", "The user's preferred written or spoken language."),
      Str("locale", "The user's default location for localization."),
      Str("timezone", "The User's time zone in the 'Olson' time zone database format."),
      Bool("active", "The User's administrative status (false: the IAM user is disabled)."),
      Str("password", "The User's cleartext password (the IAM console login profile).")
          .WriteOnly()
          .Returns(Returned::kNever),
      ContactList("emails", "Email addresses for the user.", {"work", "home", "other"}),
      ContactList("phoneNumbers", "Phone numbers for the User.",
                  {"work", "home", "mobile", "fax", "pager", "other"}),
      Complex("addresses", "A physical mailing address for this User.")
          .Multi()
          .Subs({Str("formatted", "The full mailing address, formatted for display."),
                 Str("streetAddress", "The full street address component."),
                 Str("locality", "The city or locality component."),
                 Str("region", "The state or region component."),
                 Str("postalCode", "The zip code or postal code component."),
                 Str("country", "The country name component."),
                 Str("type", "A label indicating the attribute's function.")
                     .Canonical({"work", "home", "other"}),
                 Bool("primary", "Whether this is the primary address.")}),
      Complex("groups", "The IAM groups the user belongs to.")
          .Multi()
          .ReadOnly()
          .Subs({Str("value", "The id of the Group.").ReadOnly(),
                 Ref("$ref", "The URI of the Group.").References({"Group"}).ReadOnly(),
                 Str("display", "The name of the Group.").ReadOnly(),
                 Str("type", "How the membership was derived.")
                     .Canonical({"direct", "indirect"})
                     .ReadOnly()}),
      Complex("entitlements", "The managed policies attached to the IAM user.")
          .Multi()
          .Subs({Str("value", "The value of an entitlement (a policy ARN)."),
                 Str("display", "A human-readable name."),
                 Str("type", "A label indicating the attribute's function."),
                 Bool("primary", "Whether this is the primary entitlement.")}),
  };
  return s;
}

SchemaDef MakeEnterpriseSchema() {
  SchemaDef s{std::string(kEnterpriseUserSchema), "EnterpriseUser", "Enterprise User", {}};
  s.attributes = {
      Str("employeeNumber", "Numeric or alphanumeric identifier assigned to a person."),
      Str("costCenter", "Identifies the name of a cost center."),
      Str("organization", "Identifies the name of an organization."),
      Str("division", "Identifies the name of a division."),
      Str("department", "Identifies the name of a department."),
      Complex("manager", "The User's manager.")
          .Subs({Str("value", "The id of the SCIM resource representing the User's manager."),
                 Ref("$ref", "The URI of the SCIM resource representing the User's manager.")
                     .References({"User"}),
                 Str("displayName", "The displayName of the User's manager.").ReadOnly()}),
  };
  return s;
}

SchemaDef MakeAwsUserSchema() {
  SchemaDef s{std::string(kAwsUserSchema), "AwsUser", "AWS IAM user attributes", {}};
  s.attributes = {
      Str("path", "The IAM path of the user, e.g. '/engineering/'.").CaseExact(),
      Str("arn", "The ARN of the IAM user.").CaseExact().ReadOnly(),
      Ref("permissionsBoundary", "The ARN of the managed policy used as permissions boundary.")
          .CaseExact()
          .References({"external"}),
      Complex("tags", "The IAM tags of the user (reserved prefixes excluded).")
          .Multi()
          .Subs(
              {Str("key", "The tag key.").CaseExact(), Str("value", "The tag value.").CaseExact()}),
      Bool("passwordResetRequired", "Whether the user must set a new password at next sign-in."),
      Date("passwordLastUsed", "When the user's password was last used to sign in.").ReadOnly(),
  };
  return s;
}

SchemaDef MakeGroupSchema() {
  SchemaDef s{std::string(kGroupSchema), "Group", "Group", {}};
  s.attributes = {
      Str("displayName", "A human-readable name for the Group; the IAM group name.")
          .Required()
          .UniqueOnServer(),
      Complex("members", "The members of the Group (IAM users, by id).")
          .Multi()
          .Subs({Str("value", "The id of the member.").Immutable(),
                 Ref("$ref", "The URI of the member.").References({"User", "Group"}),
                 Str("display", "A human-readable name of the member."),
                 Str("type", "The type of the member.").Canonical({"User", "Group"})}),
  };
  return s;
}

SchemaDef MakeAwsGroupSchema() {
  SchemaDef s{std::string(kAwsGroupSchema), "AwsGroup", "AWS IAM group attributes", {}};
  s.attributes = {
      Str("path", "The IAM path of the group, e.g. '/engineering/'.").CaseExact(),
      Str("arn", "The ARN of the IAM group.").CaseExact().ReadOnly(),
  };
  return s;
}

struct Definitions {
  SchemaDef user = MakeUserSchema();
  SchemaDef enterprise = MakeEnterpriseSchema();
  SchemaDef aws_user = MakeAwsUserSchema();
  SchemaDef group = MakeGroupSchema();
  SchemaDef aws_group = MakeAwsGroupSchema();
  ResourceTypeDef user_type{"User",         "User", "/Users",
                            "User Account", &user,  {{&enterprise, false}, {&aws_user, false}}};
  ResourceTypeDef group_type{"Group", "Group", "/Groups", "Group", &group, {{&aws_group, false}}};
  std::vector<AttributeDef> common = {
      Str("schemas", "The schema URIs of the resource.")
          .Multi()
          .Required()
          .ReadOnly()
          .Returns(Returned::kAlways),
      Str("id", "The service provider's unique, stable identifier of the resource.")
          .CaseExact()
          .ReadOnly()
          .Returns(Returned::kAlways)
          .UniqueOnServer(),
      Str("externalId", "The provisioning client's identifier of the resource.").CaseExact(),
      Complex("meta", "The resource's metadata.")
          .ReadOnly()
          .Subs({Str("resourceType", "The name of the resource type.").CaseExact().ReadOnly(),
                 Date("created", "When the resource was added.").ReadOnly(),
                 Date("lastModified", "When the resource was last changed.").ReadOnly(),
                 Ref("location", "The URI of the resource.")
                     .CaseExact()
                     .ReadOnly()
                     .References({"uri"}),
                 Str("version", "The version (ETag) of the resource.").CaseExact().ReadOnly()}),
  };
};

const Definitions& Defs() {
  static const Definitions* const defs = new Definitions();  // never destroyed
  return *defs;
}

}  // namespace

const ResourceTypeDef& UserResourceType() { return Defs().user_type; }
const ResourceTypeDef& GroupResourceType() { return Defs().group_type; }
const std::vector<AttributeDef>& CommonAttributes() { return Defs().common; }

std::vector<const SchemaDef*> AllSchemas() {
  const Definitions& d = Defs();
  return {&d.user, &d.enterprise, &d.aws_user, &d.group, &d.aws_group};
}

}  // namespace aic::scim
