// neural-style-cli: the engine on the command line, for scripts and for trying
// settings without GIMP.
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>

#include "frame_files.h"
#include "image_files.h"
#include "neural_style/frames.h"
#include "neural_style/process.h"
#include "neural_style/speed.h"
#include "neural_style/transfer.h"
#include "neural_style/weights.h"
#include "options.h"

namespace {

using namespace neural_style;

std::atomic<bool> g_stop{false};

// The first Ctrl+C stops and keeps the result so far; a second one kills as usual.
void on_interrupt(int) {
  g_stop = true;
  std::signal(SIGINT, SIG_DFL);
}

std::string clock_time(double seconds) {
  if (seconds < 0) return "--:--";
  const long s = std::lround(seconds);
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld", s / 60, s % 60);
  return text;
}

// A line rewritten in place on a terminal; on a pipe, one line per frame, scale and 10%.
bool show_progress(const Progress& p, const FrameProgress& f = {}) {
  static bool tty = isatty(STDERR_FILENO);
  static int last_run = -1, last_scale = 0, last_tenth = -1;
  const int tenth = p.iteration * 10 / std::max(1, p.iterations);
  const int run = runs_before(f);
  if (!tty && run == last_run && p.scale == last_scale && tenth == last_tenth) return !g_stop;
  last_run = run;
  last_scale = p.scale;
  last_tenth = tenth;
  char tile[48] = "", frame_text[48] = "";
  if (p.tiles > 0) std::snprintf(tile, sizeof tile, "  tile %d/%d", p.tile, p.tiles);
  if (f.frames > 0 && f.passes > 1)
    std::snprintf(frame_text, sizeof frame_text, "pass %d/%d  frame %d/%d  ", f.pass, f.passes,
                  f.frame, f.frames);
  else if (f.frames > 0)
    std::snprintf(frame_text, sizeof frame_text, "frame %d/%d  ", f.frame, f.frames);
  std::fprintf(stderr, "%s%sscale %d/%d (%dx%d)  iteration %d/%d%s  loss %.4g  %s left%s",
               tty ? "\r\033[K" : "", frame_text, p.scale, p.scales, p.width, p.height,
               p.iteration, p.iterations, tile, p.losses.total,
               clock_time(p.seconds_left).c_str(), tty ? "" : "\n");
  return !g_stop;
}

std::string network_text(const Result& result) {
  return result.pretrained ? "VGG-19 " + result.weights_path : std::string("built-in network");
}

// Said only when it happened (Result::steps_undone).
std::string undone_text(int steps_undone) {
  if (steps_undone == 0) return "";
  return "; " + std::to_string(steps_undone) +
         " steps were undone because their loss was not a number";
}

// --frames: every frame read first (a missing or bad one fails before any work), and
// every frame done written under its input's number.
int run_frames(const cli::Options& o, const std::vector<Image>& styles) {
  const cli::FrameRange range = cli::find_frames(o.content);
  if (range.count == 0) image_files::load_image(cli::frame_path(o.content, 1));  // says it is missing
  std::vector<Image> frames;
  for (int i = 0; i < range.count; ++i)
    frames.push_back(image_files::load_image(cli::frame_path(o.content, range.first + i)));
  const FramesResult result = transfer_frames(
      frames, styles, o.settings, o.temporal_weight,
      [](const FrameProgress& p) { return show_progress(p.step, p); });
  if (isatty(STDERR_FILENO)) std::cerr << "\n";
  for (std::size_t i = 0; i < result.frames.size(); ++i)
    image_files::save_image(result.frames[i].image, cli::frame_path(o.output, range.first + int(i)));
  const Result& last = result.frames.back();
  int undone = 0;
  for (const Result& frame : result.frames) undone += frame.steps_undone;
  std::cerr << (result.stopped ? "Stopped early; wrote " : "Wrote ") << result.frames.size()
            << " of " << frames.size() << " frames to " << o.output << " (numbers from "
            << range.first << ", " << network_text(last) << ", " << last.device << " "
            << last.precision << ", seed " << o.settings.seed << ", temporal weight "
            << number_text(o.temporal_weight) << undone_text(undone) << ").\n";
  return 0;
}

int run(const cli::Options& o) {
  std::vector<Image> styles;
  for (const std::string& path : o.styles) styles.push_back(image_files::load_image(path));
  if (find_weights(o.settings.weights_path).empty())
    std::cerr << weights_install_hint() << "\n";
  if (precision_needs_measuring(o.settings))
    std::cerr << "Measuring this machine's speed to choose the precision (once; a few seconds; "
                 "cached in " << speed_cache_path() << ").\n";
  std::signal(SIGINT, on_interrupt);
  if (o.frames) return run_frames(o, styles);
  const Image content = image_files::load_image(o.content);
  const Result result = transfer(content, styles, o.settings, [](const Progress& p) { return show_progress(p); });
  if (isatty(STDERR_FILENO)) std::cerr << "\n";
  image_files::save_image(result.image, o.output);
  std::cerr << (result.stopped ? "Stopped early; wrote " : "Wrote ") << o.output << " ("
            << result.iterations_done << " iterations, "
            << network_text(result)
            << ", " << result.device << " " << result.precision << ", seed " << o.settings.seed
            << ", memory budget " << std::lround(result.memory_budget / 1e8) / 10.0 << " GB"
            << "; the style pulled " << std::lround(100 * result.style_share)
            << "% halfway from the content" << undone_text(result.steps_undone) << ").\n";
  return 0;
}

// Any failure, said and with status 1: an engine Error as it is, anything else (the
// file system's own errors, say) coded as the engine codes it, never std::terminate.
int fail(const std::exception_ptr& error) {
  std::cerr << "neural-style-cli: " << as_error(error).what() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) try {
  sleep_idle_openmp_threads(argv);
  cli::Options options;
  try {
    options = cli::parse_options(argc, argv);
  } catch (const std::runtime_error& e) {  // cli::UsageError or Error
    std::cerr << "neural-style-cli: " << e.what() << "\n";
    return 2;
  }
  if (options.help) return std::cout << cli::usage(), 0;
  if (options.version) return std::cout << "neural-style-cli " NEURAL_STYLE_VERSION "\n", 0;
  image_files::init(&argc, &argv);
  int status = 1;
  try {
    status = run(options);
  } catch (...) {
    if (isatty(STDERR_FILENO)) std::cerr << "\n";
    status = fail(std::current_exception());
  }
  image_files::shutdown();
  return status;
} catch (...) {  // outside the run: starting, the options, GEGL's start and end
  return fail(std::current_exception());
}
