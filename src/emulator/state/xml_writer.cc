#include "emulator/state/xml_writer.h"

#include <string>

#include "common/text_codec.h"

namespace aic::emulator {

XmlWriter::XmlWriter() { out_.reserve(512); }

void XmlWriter::Open(std::string_view name, std::string_view xmlns) {
  out_ += '<';
  out_ += name;
  if (!xmlns.empty()) {
    out_ += " xmlns=\"";
    text::AppendMarkupEscaped(out_, xmlns);
    out_ += '"';
  }
  out_ += '>';
  open_.emplace_back(name);
}

void XmlWriter::Close() {
  if (open_.empty()) return;
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
}

void XmlWriter::Element(std::string_view name, std::string_view value) {
  out_ += '<';
  out_ += name;
  out_ += '>';
  text::AppendMarkupEscaped(out_, value);
  out_ += "</";
  out_ += name;
  out_ += '>';
}

void XmlWriter::Element(std::string_view name, bool value) {
  Element(name, value ? std::string_view("true") : std::string_view("false"));
}

void XmlWriter::Element(std::string_view name, long long value) {
  Element(name, std::string_view(std::to_string(value)));
}

void XmlWriter::ResponseMetadata(std::string_view request_id) {
  Open("ResponseMetadata");
  Element("RequestId", request_id);
  Close();
}

std::string XmlWriter::Finish() && {
  while (!open_.empty()) Close();
  return std::move(out_);
}

std::string ErrorResponseXml(std::string_view xmlns, std::string_view type, std::string_view code,
                             std::string_view message, std::string_view request_id) {
  XmlWriter w;
  w.Open("ErrorResponse", xmlns);
  w.Open("Error");
  w.Element("Type", type);
  w.Element("Code", code);
  w.Element("Message", message);
  w.Close();
  w.Element("RequestId", request_id);
  return std::move(w).Finish();
}

}  // namespace aic::emulator
