// The procedure's argument table (plugin/arguments.h): its defaults are the engine's,
// every argument is refused outside its range with a message naming it, the special
// values are accepted, and the settings handed to the engine are the arguments'.
#include <gtest/gtest.h>

#include <string>

#include "arguments.h"
#include "failure.h"
#include "neural_style/error.h"

namespace neural_style::plugin {
namespace {

Arguments valid() {
  Arguments arguments;
  arguments.style_drawable = 7;
  return arguments;
}

// The message of the calling Failure check_arguments throws; "" when it accepts them.
std::string refusal(const Arguments& arguments) {
  try {
    check_arguments(arguments);
  } catch (const Failure& failure) {
    EXPECT_EQ(failure.kind(), Failure::Kind::calling);
    return failure.what();
  }
  return "";
}

TEST(Arguments, DefaultsAreTheEngines) {
  const Arguments a;
  const Settings s;
  EXPECT_EQ(a.style_weight, s.style_weight);
  EXPECT_EQ(a.content_weight, s.content_weight);
  EXPECT_EQ(a.tv_weight, s.tv_weight);
  EXPECT_EQ(a.size, s.size);
  EXPECT_EQ(a.iterations, s.iterations);
  EXPECT_EQ(a.style_scale, s.style_scale);
  EXPECT_EQ(a.preserve_colors != 0, s.preserve_colors);
  EXPECT_EQ(a.memory, s.memory);
}

TEST(Arguments, TheDefaultsWithAStyleLayerAreAccepted) {
  EXPECT_EQ(refusal(valid()), "");
  EXPECT_NE(refusal(Arguments{}), "") << "no style layer";
}

TEST(Arguments, EachIsRefusedJustOutsideItsRangeByName) {
  for (const ArgumentSpec& spec : kArgumentSpecs) {
    for (double outside : {spec.min - 1, spec.max + 1}) {
      if (spec.has_special && outside == spec.special) continue;
      if (spec.int_field && (outside < INT32_MIN || outside > INT32_MAX)) continue;
      Arguments arguments = valid();
      set_argument_value(arguments, spec, outside);
      const std::string message = refusal(arguments);
      EXPECT_NE(message.find(spec.name), std::string::npos)
          << spec.name << " = " << outside << ": " << message;
    }
    Arguments at_the_edges = valid();
    set_argument_value(at_the_edges, spec, spec.min);
    EXPECT_EQ(refusal(at_the_edges), "") << spec.name << " at its minimum";
    set_argument_value(at_the_edges, spec, spec.max);
    EXPECT_EQ(refusal(at_the_edges), "") << spec.name << " at its maximum";
  }
}

TEST(Arguments, SpecialValuesAreAcceptedAndTheGapIsNot) {
  Arguments arguments = valid();
  arguments.size = 0;  // the layer's own size
  arguments.seed = -1;
  arguments.style2_drawable = kNoLayer;
  EXPECT_EQ(refusal(arguments), "");
  arguments.size = kMinSide - 1;
  EXPECT_NE(refusal(arguments).find("size"), std::string::npos);
}

TEST(Arguments, APaintingStandsInForTheStyleLayer) {
  Arguments arguments;
  arguments.painting = 0;
  EXPECT_EQ(refusal(arguments), "");
}

TEST(Arguments, DescriptionsGiveRangeAndDefault) {
  for (const ArgumentSpec& spec : kArgumentSpecs) {
    if (spec.type == ArgumentType::drawable) continue;
    const std::string text = describe_argument(spec);
    EXPECT_NE(text.find("Range: " + number_text(spec.min) + " to " + number_text(spec.max)),
              std::string::npos) << text;
    EXPECT_NE(text.find("default: " + number_text(argument_value(Arguments{}, spec))),
              std::string::npos) << text;
  }
}

TEST(Arguments, EngineSettingsCarryTheArguments) {
  Arguments arguments = valid();
  arguments.style_mix = 0.25;
  arguments.iterations = 42;
  arguments.preserve_colors = 1;
  arguments.memory = 3;
  Settings s = engine_settings(arguments, 99, "/w.safetensors");
  EXPECT_EQ(s.style_mix, 0.0) << "no second style: no mix";
  EXPECT_EQ(s.iterations, 42);
  EXPECT_TRUE(s.preserve_colors);
  EXPECT_EQ(s.seed, 99u);
  EXPECT_EQ(s.memory, 3);
  EXPECT_EQ(s.weights_path, "/w.safetensors");
  arguments.style2_drawable = 8;
  EXPECT_EQ(engine_settings(arguments, 99, "").style_mix, 0.25);
  EXPECT_NO_THROW(validate(s));
}

// GIMP has no argument for it: the environment gives it, in any locale's spelling of C.
TEST(Arguments, TheConvergenceComesFromTheEnvironment) {
  EXPECT_EQ(engine_settings(valid(), 1, "").convergence, kDefaultConvergence);
  setenv(kConvergenceVariable, "0.25", 1);
  EXPECT_EQ(engine_settings(valid(), 1, "").convergence, 0.25);
  setenv(kConvergenceVariable, "0", 1);
  EXPECT_EQ(engine_settings(valid(), 1, "").convergence, 0);
  setenv(kConvergenceVariable, "0,5", 1);
  EXPECT_THROW(validate(engine_settings(valid(), 1, "")), Error);
  unsetenv(kConvergenceVariable);
}

TEST(Arguments, ASeedIsKeptOrPicked) {
  EXPECT_EQ(seed_to_use(1234), 1234);
  for (int i = 0; i < 20; ++i) EXPECT_GE(seed_to_use(-1), 0);
}

}  // namespace
}  // namespace neural_style::plugin
