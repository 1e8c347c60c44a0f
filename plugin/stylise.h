// One run of the procedure once its arguments are settled: check the inputs, read the
// pixels, run the engine, add the results. Batch mode and interactive runs (which watch
// the engine in the run window, interactive_run.h) share these steps and differ only in
// how a job's engine part is run. A run styles one content layer (GIMP 2.10) or each
// selected layer (GIMP 3).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arguments.h"
#include "beside_plugin.h"  // weights_for_run
#include "inputs.h"
#include "neural_style/transfer.h"

namespace neural_style::plugin {

// Everything the run on one content layer needs from GIMP, read before the engine starts:
// the engine then runs without libgimp, and nothing in the image changes until
// write_results.
struct Job {
  Inputs in;
  Arguments arguments;
  std::int32_t seed = 0;      // the seed used, also when the arguments said -1
  Image content;              // in.region of the content layer, in its layout
  std::vector<Image> styles;  // whole style layers, RGBA
  Image selection;            // the selection's coverage over in.region; empty without one
  Settings settings;
};

// For each content layer: checks the inputs and the memory, picks the weights and the seed,
// reads the pixels. Every layer is checked before any pixel is read. Tells the user once per
// session (`random_features_told`) that no weights are installed. Throws Failure or
// neural_style::Error, both with a message for the user.
std::vector<Job> prepare_jobs(ImageId image, const std::vector<ItemId>& drawables,
                              const Arguments& arguments, bool& random_features_told);

// The style layers' or painting's pixels, RGBA.
std::vector<Image> read_styles(const Inputs& in);

// Tells the user once per session that no weights are installed; returns the weights.
std::string weights_telling_once(bool& random_features_told);
// Where the session memory (host::session_value) keeps that the user has been told.
inline constexpr const char* kRandomFeaturesToldKey = "neural-style-random-features-told";

// The engine's part; touches no libgimp, so it may run on any thread.
Result run_job(const Job& job, const ProgressCallback& progress);

// The result layer's name, "<content> in the style of <style>"; also the run window's title.
std::string result_name(const Job& job);

// Each result as a new layer above its content, all in one undo group; returns the layers.
// There may be fewer results than jobs (a run stopped early): the first ones are written.
std::vector<ItemId> write_results(const std::vector<Job>& jobs, std::vector<Result> results);

// Runs a job's engine part with its progress shown; nothing when the user cancelled it.
using JobRunner = std::function<std::optional<Result>(const Job&)>;

// All of it, each job run by `run` in turn: after a run stopped early (Stop and Keep)
// the layers done so far are written, the stopped one last, and the rest are not started.
// Nothing when a run was cancelled. Throws what prepare_jobs and the engine throw.
std::optional<std::vector<ItemId>> stylise(ImageId image, const std::vector<ItemId>& drawables,
                                           const Arguments& arguments,
                                           bool& random_features_told, const JobRunner& run);

// All of it with GIMP's progress bar, for batch mode and Repeat.
std::vector<ItemId> stylise(ImageId image, const std::vector<ItemId>& drawables,
                            const Arguments& arguments, bool& random_features_told);

}  // namespace neural_style::plugin
