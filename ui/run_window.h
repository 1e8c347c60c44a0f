// Watching a run: the engine works on a worker thread while a window shows the evolving
// image, the scale, the iteration and the time left. GTK and libgimp are only called from
// the main thread; the worker hands its progress over through a mutex-guarded copy.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "arguments.h"
#include "host.h"
#include "neural_style/transfer.h"

namespace neural_style::ui {

// The engine's part of a run, given the callback to report to (and to stop through).
using Work = std::function<Result(const ProgressCallback&)>;

// Widget names (gtk_widget_set_name) of the run window's parts, for tests and themes.
inline constexpr const char* kRunWindowRole = "gimp-neural-style-run";
inline constexpr const char* kPreviewName = "preview";
inline constexpr const char* kProgressName = "progress";

// Responses of the run window: its Stop and Keep button, and the end of the work.
inline constexpr int kResponseStop = 1;
inline constexpr int kResponseDone = 2;

// Runs `work` on a worker thread and shows it, in a window titled `title`, until it ends.
// Returns its result when it finished or when the user pressed "Stop and Keep"
// (result.stopped, the image so far); nothing when the user cancelled. Rethrows what
// `work` threw, unless cancelled. `on_main_thread` also sees the progress, on the main
// thread (for GIMP's progress bar).
std::optional<Result> watch_transfer(const std::string& title, const Work& work,
                                     const ProgressCallback& on_main_thread);

// An interactive run of plug-in-neural-style-frames: prepares the frames, watches them,
// then writes the new image and shows it. After "Stop and Keep" the frames done so far
// and the stopped one's last iterate make the new image. Nothing when the user cancelled
// (no new image). Throws what prepare_frames and the engine throw.
std::optional<plugin::ImageId> stylise_frames_watched(plugin::ImageId image,
                                                      const plugin::Arguments& arguments);

// An interactive run: prepares a job per drawable, watches each in turn, then writes the
// results in one undo group, as batch mode does. After "Stop and Keep" the layers done so
// far are written, the stopped one last, and the rest are not started. Nothing when the
// user cancelled. Throws what prepare_jobs and the engine throw.
std::optional<std::vector<plugin::ItemId>> stylise_watched(
    plugin::ImageId image, const std::vector<plugin::ItemId>& drawables,
    const plugin::Arguments& arguments);

}  // namespace neural_style::ui
