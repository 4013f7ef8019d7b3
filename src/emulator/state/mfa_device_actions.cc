// MFA device extras: TagMFADevice, UntagMFADevice, ListMFADeviceTags (tags of a virtual MFA
// device) and ResyncMFADevice. The devices themselves are credential_actions.cc's.
//
// An unknown serial number is NoSuchEntity "MFA Device with serial number SERIAL does not
// exist." (AWS's text for DeactivateMFADevice/DeleteVirtualMFADevice, LocalStack
// test_iam_mfa.snapshot.json). ResyncMFADevice checks, like EnableMFADevice, that both codes
// are six digits (InvalidAuthenticationCode 403 otherwise) but computes no TOTP, and that the
// device is one the user has enabled.
#include <algorithm>

#include "emulator/state/action_context.h"
#include "emulator/state/provider_util.h"

namespace aic::emulator::state {
namespace {

// serialNumberType in the model: 9..256 of [\w+=/:,.@-].
constexpr std::size_t kMinSerialNumberLength = 9;
constexpr std::size_t kMaxSerialNumberLength = 256;
// authenticationCodeType: exactly 6 digits.
constexpr std::size_t kAuthenticationCodeLength = 6;

bool IsSerialChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("_+=/:,.@-").find(c) != std::string_view::npos;
}

Result<std::string> SerialParam(const Ctx& ctx) {
  EMU_ASSIGN(serial, Required(ctx, "SerialNumber"));
  AIC_RETURN_IF_ERROR(CheckLength("SerialNumber", serial, kMinSerialNumberLength,
                                  kMaxSerialNumberLength, /*show_value=*/true));
  if (!std::all_of(serial.begin(), serial.end(), IsSerialChar)) {
    return PatternError("SerialNumber", serial, "[\\w+=/:,.@-]+");
  }
  return serial;
}

Status NoSuchDevice(std::string_view serial) {
  return NoSuchEntity("MFA Device with serial number " + std::string(serial) + " does not exist.");
}

Result<VirtualMfaDevice*> DeviceParam(Ctx& ctx) {
  EMU_ASSIGN(serial, SerialParam(ctx));
  auto it = ctx.st.mfa_devices.find(serial);
  if (it == ctx.st.mfa_devices.end()) return NoSuchDevice(serial);
  return &it->second;
}

Result<std::string> TagMFADevice(Ctx& ctx) {
  EMU_ASSIGN(d, DeviceParam(ctx));
  EMU_ASSIGN(tags, TagList(ctx));
  AIC_RETURN_IF_ERROR(MergeTags(d->tags, tags));
  ctx.dirty.mfa_devices.insert(d->serial);
  return EmptyResult(ctx);
}

Result<std::string> UntagMFADevice(Ctx& ctx) {
  EMU_ASSIGN(d, DeviceParam(ctx));
  EMU_ASSIGN(keys, TagKeysParam(ctx));
  RemoveTags(d->tags, keys);
  ctx.dirty.mfa_devices.insert(d->serial);
  return EmptyResult(ctx);
}

Result<std::string> ListMFADeviceTags(Ctx& ctx) {
  EMU_ASSIGN(d, DeviceParam(ctx));
  return TagPageResult(ctx, d->tags);
}

bool SixDigits(const std::string& code) {
  return code.size() == kAuthenticationCodeLength &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<std::string> ResyncMFADevice(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(serial, SerialParam(ctx));
  EMU_ASSIGN(code1, Required(ctx, "AuthenticationCode1"));
  EMU_ASSIGN(code2, Required(ctx, "AuthenticationCode2"));
  bool owned = std::any_of(u->mfa_devices.begin(), u->mfa_devices.end(),
                           [&](const MfaAssignment& m) { return m.serial == serial; });
  if (!owned) return NoSuchDevice(serial);
  if (!SixDigits(code1) || !SixDigits(code2)) {
    return AwsError("InvalidAuthenticationCode", 403,
                    "Authentication code for device is not valid.");
  }
  return EmptyResult(ctx);
}

}  // namespace

void RegisterMfaDeviceActions(ActionTable& t) {
  t["TagMFADevice"] = {TagMFADevice, true};
  t["UntagMFADevice"] = {UntagMFADevice, true};
  t["ListMFADeviceTags"] = {ListMFADeviceTags, false};
  t["ResyncMFADevice"] = {ResyncMFADevice, true};
}

}  // namespace aic::emulator::state
