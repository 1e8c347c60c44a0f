// Everything the plug-in asks of GIMP, behind a few plain functions: written once for GIMP
// 2.10 (host_gimp2.cpp) and once for GIMP 3 (host_gimp3.cpp), so that the rest of the
// plug-in (input checks, pixel IO, result writing, progress) is the same code for both.
// Items and images are GIMP's numeric IDs, which both versions have. Call these from the
// main thread only.
#pragma once

#include <gegl.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "arguments.h"

#if NEURAL_STYLE_GIMP == 3
typedef struct _GimpProcedureConfig GimpProcedureConfig;  // libgimp's, not included here
#endif

namespace neural_style::plugin {

using ItemId = std::int32_t;
using ImageId = std::int32_t;

#if NEURAL_STYLE_GIMP == 3
// GIMP 3's arguments after GIMP 2.10's: a built-in painting as the style
// (Arguments::painting), a choice of "none" or a painting's id, which the dialog shows as a
// combo and the last values keep; and the memory budget in GB (Arguments::memory).
inline constexpr const char* kPaintingArgument = "builtin-style";
inline constexpr const char* kNoPaintingChoice = "none";
inline constexpr const char* kMemoryArgument = "memory";
#endif

// A rectangle of a drawable or of the image, in its own pixel coordinates.
struct Region {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

namespace host {

// --- Reading ---------------------------------------------------------------------------
bool item_exists(ItemId item);
bool is_layer(ItemId item);        // a layer, not a channel, mask or selection
bool is_group(ItemId item);        // a layer group
std::string item_name(ItemId item);
ImageId image_of(ItemId item);
int width(ItemId drawable);
int height(ItemId drawable);
Region offsets(ItemId drawable);   // x and y only
bool has_alpha(ItemId drawable);
bool is_gray(ItemId drawable);
bool is_indexed(ImageId image);
bool selection_is_empty(ImageId image);
// The selection's bounds on the drawable (all of it without one); nothing when it misses.
std::optional<Region> selection_bounds(ItemId drawable);
// A layer a style can be taken from: it exists, is a layer, and is not a layer group.
bool is_style_layer(ItemId item);
// The image's layers, top to bottom (not those inside layer groups).
std::vector<ItemId> layers(ImageId image);
// New references: g_object_unref them.
GeglBuffer* drawable_buffer(ItemId drawable);
GeglBuffer* selection_buffer(ImageId image);

// --- Changing the image (only in write_result's undo group) ----------------------------
void undo_group_start(ImageId image);
void undo_group_end(ImageId image);
// A new layer of `channels` (1 Y', 2 Y'A, 3 R'G'B', 4 R'G'B'A), inserted directly above
// `below` in its parent; -1 when GIMP refuses.
ItemId insert_layer_above(ItemId below, const std::string& name, int width, int height,
                          int channels);
void set_offsets(ItemId layer, int x, int y);
// Makes `layers` the selected layers (GIMP 2.10 has one active layer: the first).
void select_layers(ImageId image, const std::vector<ItemId>& layers);
void update(ItemId drawable, const Region& region);
// A persistent, undoable text parasite (with its terminating NUL, like "gimp-comment").
void attach_text_parasite(ItemId item, const char* name, const std::string& text);

// --- A new image (animation frames: the source image is only read) -------------------
int image_width(ImageId image);
int image_height(ImageId image);
// An empty image of `source`'s size, base type, precision, resolution and colour profile,
// its undo off while the plug-in fills it (GIMP's Animation filters make theirs so).
ImageId new_image_like(ImageId source);
// A new layer of `channels` (as insert_layer_above) at the top of `image`'s stack.
ItemId add_top_layer(ImageId image, const std::string& name, int width, int height,
                     int channels);
// Undo back on, nothing to save yet, and a display when `show` (interactive runs).
void finish_new_image(ImageId image, bool show);
void delete_image(ImageId image);

// --- The plug-in's own memory ----------------------------------------------------------
// Bytes kept under `key` for the rest of the GIMP session, never saved (GIMP 2.10: its
// plug-in data; GIMP 3, which has none: a global parasite that is not persistent).
std::optional<std::string> session_value(const char* key);
void set_session_value(const char* key, const std::string& bytes);

// --- Telling the user ------------------------------------------------------------------
void message(const std::string& text);
void progress_start(const std::string& text);
void progress_update(double fraction);
void progress_text(const std::string& text);

#if NEURAL_STYLE_GIMP == 3
// --- GIMP 3's procedure config: the arguments of a run, and its last values ------------
Arguments arguments_of(GimpProcedureConfig* config);
// Sets the drawable argument `name` to `layer`, or to none for kNoLayer.
void set_layer_argument(GimpProcedureConfig* config, const char* name, ItemId layer);
#endif

}  // namespace host
}  // namespace neural_style::plugin
