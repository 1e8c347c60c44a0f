// What a result layer says about how it was made (plugin/provenance.h): a record from
// which the run can be repeated exactly, and the layer's name.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "provenance.h"
#include "text.h"

namespace neural_style::plugin {
namespace {

std::string line_of(const std::string& text, const std::string& key) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(key + "=", 0) == 0) return line.substr(key.size() + 1);
  return "(missing)";
}

RunRecord record() {
  RunRecord r;
  r.arguments.style_drawable = 12;
  r.arguments.style_weight = 0.1 + 0.2;  // not exact in binary: must read back the same
  r.arguments.iterations = 100000;
  r.arguments.seed = -1;
  r.seed = 31337;
  r.style_name = "Starry";
  r.region_x = 1;
  r.region_y = 2;
  r.region_width = 30;
  r.region_height = 40;
  r.iterations_done = 77;
  r.steps_undone = 2;
  r.precision = "bf16";
  r.memory_budget = 2.5e9;
  return r;
}

TEST(Provenance, EveryArgumentIsRecordedWithTheSeedUsed) {
  const std::string text = record_text(record(), "9.9");
  EXPECT_EQ(line_of(text, "plug-in-version"), "9.9");
  for (const ArgumentSpec& spec : kArgumentSpecs)
    EXPECT_NE(line_of(text, spec.name), "(missing)") << spec.name;
  EXPECT_EQ(line_of(text, "seed"), "31337") << "the seed used, not -1";
  EXPECT_EQ(line_of(text, "iterations"), "100000") << "not 1e+05";
  EXPECT_EQ(std::stod(line_of(text, "style-weight")), 0.1 + 0.2);
  EXPECT_EQ(line_of(text, "region"), "1,2,30,40");
  EXPECT_EQ(line_of(text, "iterations-done"), "77");
  EXPECT_EQ(line_of(text, "steps-undone"), "2");
  EXPECT_EQ(line_of(text, "precision"), "bf16");
  EXPECT_EQ(line_of(text, "memory"), "2.5");
}

TEST(Provenance, TheNetworkAndTheStyleAreNamed) {
  RunRecord r = record();
  std::string text = record_text(r, "1");
  EXPECT_EQ(line_of(text, "network"), "built-in");
  EXPECT_EQ(line_of(text, "weights"), "(missing)");
  EXPECT_EQ(line_of(text, "style-layer"), "Starry");
  EXPECT_EQ(line_of(text, "style2-layer"), "(missing)");
  r.pretrained = true;
  r.weights_path = "/w/vgg19.safetensors";
  r.painting_name = "The Scream";
  r.style2_name = "Second";
  text = record_text(r, "1");
  EXPECT_EQ(line_of(text, "network"), "pretrained");
  EXPECT_EQ(line_of(text, "weights"), "/w/vgg19.safetensors");
  EXPECT_EQ(line_of(text, "style-painting"), "The Scream");
  EXPECT_EQ(line_of(text, "style-layer"), "(missing)");
  EXPECT_EQ(line_of(text, "style2-layer"), "Second");
}

TEST(Provenance, ExactNumbersReadBackTheSame) {
  for (double value : {0.0, 1.0, 1e5, 0.1, 1.0 / 3, 2.5e-7, -4.25, 123456789012.0})
    EXPECT_EQ(std::stod(exact_number(value)), value) << exact_number(value);
  EXPECT_EQ(exact_number(100000), "100000");
}

TEST(Provenance, TheLayerNameNamesOneOrTwoStyles) {
  EXPECT_EQ(result_layer_name("Photo", "Starry", ""), "Photo in the style of Starry");
  EXPECT_EQ(result_layer_name("Photo", "Starry", "Scream"),
            "Photo in the style of Starry and Scream");
}

}  // namespace
}  // namespace neural_style::plugin
