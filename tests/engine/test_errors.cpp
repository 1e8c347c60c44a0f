// Every engine error, provoked by a real call into the engine: the code it carries, as
// many arguments as its message has places for, and the English what() built from them.
// A new ErrorCode fails CodesAreAllProvoked until a provocation (or a reason why none is
// possible) is added here.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <torch/cuda.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <set>

#include "builtin_network.h"
#include "caught_error.h"
#include "neural_style/error.h"
#include "neural_style/frames.h"
#include "neural_style/plan.h"
#include "neural_style/speed.h"
#include "neural_style/transfer.h"
#include "neural_style/weights.h"
#include "objective.h"
#include "optical_flow.h"
#include "safetensors.h"
#include "vgg.h"

namespace neural_style {
namespace {

namespace fs = std::filesystem;

// The distinct arguments a format refers to (%s in order, %N$s by number).
std::size_t places(const char* format) {
  std::set<std::size_t> used;
  std::size_t next = 0;
  for (const char* p = format; *p; ++p) {
    if (*p != '%') continue;
    if (p[1] == '%') {
      ++p;
    } else if (p[1] == 's') {
      used.insert(next++);
    } else if (std::isdigit(static_cast<unsigned char>(p[1]))) {
      used.insert(static_cast<std::size_t>(std::strtoul(p + 1, nullptr, 10)) - 1);
    }
  }
  return used.size();
}

void expect_well_formed(const Error& error) {
  const char* format = error_format(error.code());
  ASSERT_NE(format, nullptr);
  EXPECT_EQ(places(format), error.arguments().size()) << error.what();
  EXPECT_EQ(error.what(), fill_format(format, error.arguments()));
  EXPECT_EQ(std::string(error.what()).find('%'), std::string::npos) << error.what();
}

// --- Files ---------------------------------------------------------------------------

fs::path scratch() {
  static const fs::path dir = [] {
    const fs::path d = fs::temp_directory_path() / ("ns-errors-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

// A safetensors file with this header text and `data_bytes` zero bytes of data.
std::string raw(const std::string& name, const std::string& header, std::size_t data_bytes) {
  const std::string file = (scratch() / name).string();
  std::ofstream out(file, std::ios::binary);
  const std::uint64_t size = header.size();
  for (int i = 0; i < 8; ++i) out.put(static_cast<char>(size >> (8 * i)));
  out << header << std::string(data_bytes, '\0');
  return file;
}

std::string bytes_file(const std::string& name, const std::string& bytes) {
  const std::string file = (scratch() / name).string();
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}

void read_header_of(const std::string& file) { safetensors::read_header(file); }

// --- Engine calls ----------------------------------------------------------------------

Settings with(const std::function<void(Settings&)>& change) {
  Settings s;
  change(s);
  return s;
}

Image picture(int side) {
  Image image(side, side, 3);
  for (std::size_t i = 0; i < image.pixels.size(); ++i) image.pixels[i] = float(i % 7) / 7;
  return image;
}

void run(const Image& content, const std::vector<Image>& styles, const Settings& s = {}) {
  Settings quick = s;
  quick.iterations = 1;
  transfer(content, styles, quick, nullptr);
}

Image with_nan(Image image) {
  image.pixels[5] = std::numeric_limits<float>::quiet_NaN();
  return image;
}

void read_truncated_tensor() {
  const std::string file = (scratch() / "shrinks.safetensors").string();
  safetensors::write_f32(file, {{"x", {{64}, std::vector<float>(64, 1.0f)}}});
  const safetensors::Header header = safetensors::read_header(file);
  fs::resize_file(file, fs::file_size(file) - 16);  // after the header was checked
  safetensors::read_f32(file, header, "x");
}

void load_vgg_with_wrong_shape() {
  const std::string file = (scratch() / "wrong-shape.safetensors").string();
  safetensors::write_f32(file, {{"features.0.weight", {{64, 3, 3, 2}, std::vector<float>(1152)}}});
  Vgg19::load(file);
}

void balance_on_a_tiled_scale() {
  const BuiltinNetwork net(1);
  Settings s;
  s.content_layer = content_layer(s, false);
  Scale scale{64, 64, 1};
  scale.tile_side = 32;
  const at::Tensor image = at::rand({1, 3, 64, 64});
  Objective(net, s, scale, image, {image}, {1.0}, Factors{});
}

// A progress callback that throws `exception`.
template <class Exception>
ProgressCallback throwing(Exception exception) {
  return [exception](const Progress&) -> bool { throw exception; };
}

// One step of a run on the CPU in fp32 (nothing measured), calling `progress` after it.
void run_calling_back(const ProgressCallback& progress) {
  Settings s;
  s.iterations = 1;
  s.device = Device::cpu;
  s.precision = Precision::fp32;
  transfer(picture(32), {picture(32)}, s, progress);
}

struct Provocation {
  ErrorCode code;
  std::function<void()> provoke;
};

const std::vector<Provocation>& provocations() {
  static const std::vector<Provocation> all = {
      {ErrorCode::weight_out_of_range, [] { validate(with([](Settings& s) { s.tv_weight = -1; })); }},
      {ErrorCode::style_weight_not_positive, [] { validate(with([](Settings& s) { s.style_weight = 0; })); }},
      {ErrorCode::style_mix_out_of_range, [] { validate(with([](Settings& s) { s.style_mix = 1.5; })); }},
      {ErrorCode::style_scale_out_of_range, [] { validate(with([](Settings& s) { s.style_scale = 9; })); }},
      {ErrorCode::size_out_of_range, [] { validate(with([](Settings& s) { s.size = kMinSide - 1; })); }},
      {ErrorCode::memory_out_of_range, [] { validate(with([](Settings& s) { s.memory = -1; })); }},
      {ErrorCode::iterations_out_of_range, [] { validate(with([](Settings& s) { s.iterations = 0; })); }},
      {ErrorCode::threads_out_of_range, [] { validate(with([](Settings& s) { s.threads = kMaxThreads + 1; })); }},
      {ErrorCode::no_style_layer, [] { validate(with([](Settings& s) { s.style_layers.clear(); })); }},
      {ErrorCode::unknown_style_layer, [] { validate(with([](Settings& s) { s.style_layers = {"pool9"}; })); }},
      {ErrorCode::unknown_content_layer, [] { validate(with([](Settings& s) { s.content_layer = "conv9"; })); }},
      {ErrorCode::content_image_malformed, [] { run(Image(), {picture(32)}); }},
      {ErrorCode::style_image_malformed, [] { run(picture(32), {Image()}); }},
      {ErrorCode::content_image_too_small, [] { run(picture(kMinSide - 1), {picture(32)}); }},
      {ErrorCode::style_image_too_small, [] { run(picture(32), {picture(kMinSide - 1)}); }},
      {ErrorCode::content_image_invalid_pixels, [] { run(with_nan(picture(32)), {picture(32)}); }},
      {ErrorCode::style_image_invalid_pixels, [] { run(picture(32), {with_nan(picture(32))}); }},
      {ErrorCode::style_count, [] { run(picture(32), {}); }},
      {ErrorCode::mix_without_second_style,
       [] { run(picture(32), {picture(32)}, with([](Settings& s) { s.style_mix = 0.5; })); }},
      {ErrorCode::working_size_too_small,
       [] { plan_scales(40, 20, with([](Settings& s) { s.size = 20; })); }},
      {ErrorCode::memory_budget_too_small,
       [] { plan_memory(4000, 3000, {}, with([](Settings& s) { s.memory = 0.1; }), false); }},
      {ErrorCode::no_known_layer,
       [] { Vgg19::random(1).forward(at::rand({1, 3, 32, 32}), {"pool9"}, {}); }},
      {ErrorCode::balance_on_tiles, balance_on_a_tiled_scale},
      {ErrorCode::weights_missing, [] { find_weights((scratch() / "none.safetensors").string()); }},
      {ErrorCode::weights_unopenable, [] { read_header_of((scratch() / "none.safetensors").string()); }},
      {ErrorCode::weights_too_short, [] { read_header_of(bytes_file("short", "1234")); }},
      {ErrorCode::weights_header_length, [] { read_header_of(bytes_file("long", std::string(8, '\x7f') + "{}")); }},
      {ErrorCode::weights_header_not_object, [] { read_header_of(raw("array", "[1]", 0)); }},
      {ErrorCode::weights_metadata_not_object, [] { read_header_of(raw("meta", R"({"__metadata__": 1})", 0)); }},
      {ErrorCode::weights_entry_not_object, [] { read_header_of(raw("entry", R"({"x": 1})", 0)); }},
      {ErrorCode::weights_entry_malformed, [] { read_header_of(raw("malformed", R"({"x": {"dtype": "F32"}})", 0)); }},
      {ErrorCode::weights_unknown_dtype,
       [] { read_header_of(raw("dtype", R"({"x": {"dtype": "Q7", "shape": [1], "data_offsets": [0, 1]}})", 1)); }},
      {ErrorCode::weights_bad_shape,
       [] { read_header_of(raw("shape", R"({"x": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}})", 4)); }},
      {ErrorCode::weights_outside_file,
       [] { read_header_of(raw("outside", R"({"x": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}})", 8)); }},
      {ErrorCode::weights_tensor_missing, [] {
         const std::string file = raw("empty", "{}", 0);
         safetensors::read_f32(file, safetensors::read_header(file), "x");
       }},
      {ErrorCode::weights_not_f32, [] {
         const std::string file =
             raw("f16", R"({"x": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]}})", 4);
         safetensors::read_f32(file, safetensors::read_header(file), "x");
       }},
      {ErrorCode::weights_tensor_unreadable, read_truncated_tensor},
      {ErrorCode::weights_not_vgg19, [] { Vgg19::load(raw("not-vgg", "{}", 0)); }},
      {ErrorCode::weights_wrong_vgg19_shape, load_vgg_with_wrong_shape},
      {ErrorCode::too_few_frames, [] { transfer_frames({picture(32)}, {picture(32)}, Settings{}, 0); }},
      {ErrorCode::frames_differ_in_size,
       [] { transfer_frames({picture(32), picture(40)}, {picture(32)}, Settings{}, 0); }},
      {ErrorCode::file_unwritable,
       [] { safetensors::write_f32((scratch() / "no/such/dir/x").string(), {}); }},
      // Frames of two sizes, which transfer_frames refuses before OpenCV sees them.
      {ErrorCode::opencv_failure, [] { optical_flow(picture(32), picture(40)); }},
      // The caller's own exception, thrown through the engine from its progress callback.
      {ErrorCode::unexpected_failure, [] { run_calling_back(throwing(std::runtime_error("no"))); }},
      {ErrorCode::precision_variable_invalid, [] {
         setenv(kPrecisionVariable, "fp16", 1);
         try {
           run_precision(Settings{});
         } catch (...) {
           unsetenv(kPrecisionVariable);
           throw;
         }
         unsetenv(kPrecisionVariable);
       }},
  };
  return all;
}

TEST(EngineErrors, EachIsProvokedWithItsCodeAndArguments) {
  for (const Provocation& p : provocations()) {
    SCOPED_TRACE(error_format(p.code));
    const Error error = caught(p.provoke);
    EXPECT_EQ(error.code(), p.code) << error.what();
    expect_well_formed(error);
  }
}

TEST(EngineErrors, ArgumentsCarryTheValues) {
  const Error size = caught([] { plan_scales(40, 20, with([](Settings& s) { s.size = 20; })); });
  EXPECT_EQ(size.arguments(), (std::vector<std::string>{"20", "10", std::to_string(kMinSide)}));
  const Error weight = caught([] { validate(with([](Settings& s) { s.tv_weight = -1; })); });
  EXPECT_EQ(weight.arguments(), (std::vector<std::string>{"tv-weight", "1000000000"}));
  const std::string path = (scratch() / "none.safetensors").string();
  EXPECT_EQ(caught([&] { find_weights(path); }).what(), "Weights file '" + path + "' does not exist.");
}

// Allocations past the address space this leaves fail; in a child process of its own
// (threadsafe death tests start the test binary afresh, with no OpenMP threads).
void limit_memory_to_current_plus(std::size_t bytes) {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  statm >> pages;
  const rlim_t limit = pages * sysconf(_SC_PAGESIZE) + bytes;
  const rlimit both = {limit, limit};
  setrlimit(RLIMIT_AS, &both);
}

// Exits 0 when `run` throws `code`, 1 for another Error, 2 for none.
[[noreturn]] void exit_with(ErrorCode code, const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& error) {
    std::fprintf(stderr, "%s\n", error.what());
    std::_Exit(error.code() == code ? 0 : 1);
  }
  std::_Exit(2);
}

Settings one_whole_step() {
  Settings s;
  s.iterations = 1;
  s.multi_scale = false;
  s.threads = 1;
  s.memory = 1000;  // no tiles: the whole image's activations at once
  s.precision = Precision::fp32;
  return s;
}

// A run on a `side` pixel square content with `headroom` bytes of address space to spare;
// exits as exit_with says.
// OpenBLAS retries a failed allocation of its work buffer for ever: it gets the buffer
// first, with the one thread the run uses, and keeps it.
[[noreturn]] void run_short_of_memory(int side, std::size_t headroom, ErrorCode expected) {
  const Image content = picture(side), style = picture(32);
  at::set_num_threads(1);
  at::mm(at::rand({256, 256}), at::rand({256, 256}));
  limit_memory_to_current_plus(headroom);
  exit_with(expected, [&] { transfer(content, {style}, one_whole_step(), nullptr); });
}

// The input's first copy, made by libtorch's own allocator before the run's, fails.
TEST(EngineErrorsDeathTest, TorchFailureWhenLibtorchCannotAllocate) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_short_of_memory(2048, 16u << 20, ErrorCode::torch_failure),
              ::testing::ExitedWithCode(0), "");
}

// The network's activations, allocated through the run's memory reuse, do not fit.
TEST(EngineErrorsDeathTest, OutOfMemoryWhenTheRunCannotAllocate) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_short_of_memory(1024, 300u << 20, ErrorCode::out_of_memory),
              ::testing::ExitedWithCode(0), "");
}

TEST(EngineErrors, CudaUnavailable) {
  if (torch::cuda::is_available()) GTEST_SKIP() << "this libtorch has a CUDA device";
  const Error error = caught([] {
    run(picture(32), {picture(32)}, with([](Settings& s) { s.device = Device::cuda; }));
  });
  EXPECT_EQ(error.code(), ErrorCode::cuda_unavailable);
}

// Provoked in their own tests above.
const std::set<ErrorCode> kProvokedAbove = {ErrorCode::torch_failure, ErrorCode::out_of_memory,
                                            ErrorCode::cuda_unavailable};
// Provoked in test_transfer.cpp (NotANumber), with weights scaled out of float's range.
const std::set<ErrorCode> kProvokedInTransferTests = {ErrorCode::loss_not_finite};
// Raised by engine/image_files (GEGL), provoked in tests/image_files.
const std::set<ErrorCode> kProvokedInImageFilesTests = {
    ErrorCode::image_file_missing,   ErrorCode::image_file_unreadable,
    ErrorCode::image_file_is_folder, ErrorCode::image_file_empty,
    ErrorCode::image_file_too_large, ErrorCode::image_file_damaged,
    ErrorCode::image_file_unsavable, ErrorCode::image_file_not_renamed};
// Not provoked: read_header checks the header's length against the file's size before
// reading it, so only an I/O error or the file shrinking between two system calls gives
// it; nothing a test can arrange, as root or not, without a faulty disk.
const std::set<ErrorCode> kCannotProvoke = {ErrorCode::weights_header_unreadable};

TEST(EngineErrors, CodesAreAllProvoked) {
  std::set<ErrorCode> covered = kProvokedAbove;
  covered.insert(kProvokedInImageFilesTests.begin(), kProvokedInImageFilesTests.end());
  covered.insert(kProvokedInTransferTests.begin(), kProvokedInTransferTests.end());
  covered.insert(kCannotProvoke.begin(), kCannotProvoke.end());
  for (const Provocation& p : provocations()) covered.insert(p.code);
  for (int i = 0; i < kErrorCodeCount; ++i) {
    const auto code = static_cast<ErrorCode>(i);
    EXPECT_TRUE(covered.count(code)) << "code " << i << " (" << error_format(code)
                                     << ") is provoked by no test";
  }
}

// Whatever goes wrong inside a run, the caller gets an Error with a message naming it.
TEST(EngineErrors, NothingButErrorLeavesARun) {
  const Error message = caught([] { run_calling_back(throwing(std::logic_error("the cause"))); });
  EXPECT_EQ(message.code(), ErrorCode::unexpected_failure);
  EXPECT_EQ(message.what(), std::string("Unexpected error: the cause"));
  EXPECT_EQ(caught([] { run_calling_back(throwing(42)); }).code(), ErrorCode::unexpected_failure);
  EXPECT_EQ(caught([] { run_calling_back(throwing(std::bad_alloc())); }).code(),
            ErrorCode::out_of_memory);
  Settings s;
  s.iterations = 1;
  s.precision = Precision::fp32;
  s.device = Device::cpu;
  const Error frames = caught([&] {
    transfer_frames({picture(32), picture(32)}, {picture(32)}, s, 1,
                    [](const FrameProgress&) -> bool { throw std::out_of_range("frame"); });
  });
  EXPECT_EQ(frames.code(), ErrorCode::unexpected_failure);
  EXPECT_EQ(frames.arguments(), std::vector<std::string>{"frame"});
}

TEST(EngineErrors, AsErrorCodesEachKindOfException) {
  const Error coded(ErrorCode::too_few_frames);
  EXPECT_EQ(as_error(std::make_exception_ptr(coded)).code(), ErrorCode::too_few_frames);
  const Error torch = as_error(std::make_exception_ptr(c10::Error(c10::SourceLocation{"f", "f.cpp", 1}, "bad tensor")));
  EXPECT_EQ(torch.code(), ErrorCode::torch_failure);
  EXPECT_NE(std::string(torch.what()).find("bad tensor"), std::string::npos) << torch.what();
  EXPECT_EQ(as_error(std::make_exception_ptr(std::bad_alloc())).code(), ErrorCode::out_of_memory);
  const Error other = as_error(std::make_exception_ptr(std::invalid_argument("odd")));
  EXPECT_EQ(other.code(), ErrorCode::unexpected_failure);
  EXPECT_EQ(other.arguments(), std::vector<std::string>{"odd"});
  for (const Error& error : {as_error(std::make_exception_ptr(42)), as_error(nullptr)}) {
    EXPECT_EQ(error.code(), ErrorCode::unexpected_failure);
    expect_well_formed(error);
  }
}

TEST(EngineErrors, FillFormatTakesPositionsAndPercents) {
  EXPECT_EQ(fill_format("%2$s-%1$s %s %% 100%", {"a", "b"}), "b-a a % 100%");
  EXPECT_EQ(fill_format("%s %s", {"%s", "x"}), "%s x");  // an argument is not a format
}

}  // namespace
}  // namespace neural_style
