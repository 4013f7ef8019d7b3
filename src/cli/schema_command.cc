// `aws-iam-connector schema`: prints the schema (SPEC 4.9) in OpenIDM's objectTypes form.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "aws_iam_connector/connector/schema.h"
#include "cli/commands.h"

namespace aic::cli {

void RegisterSchemaCommand(CLI::App& app, int& exit_code) {
  auto object_class = std::make_shared<std::string>();
  auto* sub = app.add_subcommand(
      "schema",
      "Print the connector schema ({\"objectTypes\": ...}) with every attribute's type and flags");
  sub->add_option("--object-class", *object_class,
                  "Print only this class (__ACCOUNT__, __GROUP__, __POLICY__, __ROLE__, __ALL__)");
  sub->callback([object_class, &exit_code] {
    nlohmann::json types = connector::Schema::Aws().ToObjectTypes();
    if (!object_class->empty()) {
      if (!types.contains(*object_class)) {
        std::fprintf(stderr, "aws-iam-connector schema: unknown object class '%s'\n",
                     object_class->c_str());
        exit_code = 2;
        return;
      }
      types = nlohmann::json{{*object_class, types[*object_class]}};
    }
    std::printf("%s\n", nlohmann::json{{"objectTypes", types}}.dump(2).c_str());
    exit_code = 0;
  });
}

}  // namespace aic::cli
