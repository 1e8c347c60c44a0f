// host.h for GIMP 3, whose libgimp works on objects: each call looks its object up by ID.
// The objects are owned by libgimp's cache, so nothing here unrefs them.
#include <libgimp/gimp.h>

#include "host.h"
#include "layer_type.h"

namespace neural_style::plugin::host {
namespace {

GimpItem* item(ItemId id) { return gimp_item_get_by_id(id); }
GimpDrawable* drawable(ItemId id) { return gimp_drawable_get_by_id(id); }
GimpLayer* layer(ItemId id) { return gimp_layer_get_by_id(id); }
GimpImage* image(ImageId id) { return gimp_image_get_by_id(id); }

// One argument of the config, as the number Arguments keeps (drawables as their IDs).
double config_value(GimpProcedureConfig* config, const ArgumentSpec& spec) {
  switch (spec.type) {
    case ArgumentType::drawable: {
      GimpDrawable* drawable = nullptr;
      g_object_get(config, spec.name, &drawable, nullptr);
      const double id = drawable ? gimp_item_get_id(GIMP_ITEM(drawable)) : kNoLayer;
      g_clear_object(&drawable);
      return id;
    }
    case ArgumentType::int32: {
      gint value = 0;
      g_object_get(config, spec.name, &value, nullptr);
      return value;
    }
    case ArgumentType::float64: {
      gdouble value = 0;
      g_object_get(config, spec.name, &value, nullptr);
      return value;
    }
    case ArgumentType::boolean: {
      gboolean value = FALSE;
      g_object_get(config, spec.name, &value, nullptr);
      return value ? 1 : 0;
    }
  }
  return 0;
}

}  // namespace

bool item_exists(ItemId id) { return gimp_item_id_is_valid(id); }
bool is_layer(ItemId id) { return gimp_item_id_is_layer(id); }
bool is_group(ItemId id) { return gimp_item_id_is_group_layer(id); }

std::string item_name(ItemId id) {
  gchar* name = gimp_item_get_name(item(id));
  std::string result = name ? name : "";
  g_free(name);
  return result;
}

ImageId image_of(ItemId id) { return gimp_image_get_id(gimp_item_get_image(item(id))); }
int width(ItemId id) { return gimp_drawable_get_width(drawable(id)); }
int height(ItemId id) { return gimp_drawable_get_height(drawable(id)); }

Region offsets(ItemId id) {
  Region region;
  gimp_drawable_get_offsets(drawable(id), &region.x, &region.y);
  return region;
}

bool has_alpha(ItemId id) { return gimp_drawable_has_alpha(drawable(id)); }
bool is_gray(ItemId id) { return gimp_drawable_is_gray(drawable(id)); }
bool is_indexed(ImageId id) { return gimp_image_get_base_type(image(id)) == GIMP_INDEXED; }
bool selection_is_empty(ImageId id) { return gimp_selection_is_empty(image(id)); }

std::optional<Region> selection_bounds(ItemId id) {
  Region r;
  if (!gimp_drawable_mask_intersect(drawable(id), &r.x, &r.y, &r.width, &r.height)) return {};
  return r;
}

bool is_style_layer(ItemId id) { return item_exists(id) && is_layer(id) && !is_group(id); }

std::vector<ItemId> layers(ImageId id) {
  GimpLayer** all = gimp_image_get_layers(image(id));
  std::vector<ItemId> result;
  for (GimpLayer** layer = all; layer && *layer; ++layer)
    result.push_back(gimp_item_get_id(GIMP_ITEM(*layer)));
  g_free(all);
  return result;
}

GeglBuffer* drawable_buffer(ItemId id) { return gimp_drawable_get_buffer(drawable(id)); }

GeglBuffer* selection_buffer(ImageId id) {
  return gimp_drawable_get_buffer(GIMP_DRAWABLE(gimp_image_get_selection(image(id))));
}

void undo_group_start(ImageId id) { gimp_image_undo_group_start(image(id)); }
void undo_group_end(ImageId id) { gimp_image_undo_group_end(image(id)); }

ItemId insert_layer_above(ItemId below, const std::string& name, int width, int height,
                          int channels) {
  GimpImage* img = gimp_item_get_image(item(below));
  GimpLayer* layer = gimp_layer_new(img, name.c_str(), width, height, layer_type(channels),
                                    100.0, GIMP_LAYER_MODE_NORMAL);
  if (!layer) return -1;
  // Inserting at the position of `below` in its parent pushes it down by one.
  gimp_image_insert_layer(img, layer, GIMP_LAYER(gimp_item_get_parent(item(below))),
                          gimp_image_get_item_position(img, item(below)));
  return gimp_item_get_id(GIMP_ITEM(layer));
}

void set_offsets(ItemId id, int x, int y) { gimp_layer_set_offsets(layer(id), x, y); }

void select_layers(ImageId id, const std::vector<ItemId>& layers) {
  std::vector<const GimpLayer*> selected;  // NULL-terminated
  for (ItemId layer_id : layers) selected.push_back(layer(layer_id));
  selected.push_back(nullptr);
  gimp_image_set_selected_layers(image(id), selected.data());
}

void update(ItemId id, const Region& r) {
  gimp_drawable_update(drawable(id), r.x, r.y, r.width, r.height);
}

void attach_text_parasite(ItemId id, const char* name, const std::string& text) {
  GimpParasite* parasite = gimp_parasite_new(
      name, GIMP_PARASITE_PERSISTENT | GIMP_PARASITE_UNDOABLE, text.size() + 1, text.c_str());
  gimp_item_attach_parasite(item(id), parasite);
  gimp_parasite_free(parasite);
}

int image_width(ImageId id) { return gimp_image_get_width(image(id)); }
int image_height(ImageId id) { return gimp_image_get_height(image(id)); }

ImageId new_image_like(ImageId source_id) {
  GimpImage* source = image(source_id);
  GimpImage* copy = gimp_image_new_with_precision(
      gimp_image_get_width(source), gimp_image_get_height(source),
      gimp_image_get_base_type(source), gimp_image_get_precision(source));
  gimp_image_undo_disable(copy);
  gdouble x = 0, y = 0;
  gimp_image_get_resolution(source, &x, &y);
  gimp_image_set_resolution(copy, x, y);
  // Nothing when the source uses GIMP's built-in profile, which the new image has too.
  if (GimpColorProfile* profile = gimp_image_get_color_profile(source)) {
    gimp_image_set_color_profile(copy, profile);
    g_object_unref(profile);
  }
  return gimp_image_get_id(copy);
}

ItemId add_top_layer(ImageId id, const std::string& name, int width, int height,
                     int channels) {
  GimpLayer* layer = gimp_layer_new(image(id), name.c_str(), width, height,
                                    layer_type(channels), 100.0, GIMP_LAYER_MODE_NORMAL);
  if (!layer) return -1;
  gimp_image_insert_layer(image(id), layer, nullptr, 0);
  return gimp_item_get_id(GIMP_ITEM(layer));
}

void finish_new_image(ImageId id, bool show) {
  gimp_image_undo_enable(image(id));
  gimp_image_clean_all(image(id));
  if (show) gimp_display_new(image(id));
}

void delete_image(ImageId id) { gimp_image_delete(image(id)); }

std::optional<std::string> session_value(const char* key) {
  GimpParasite* parasite = gimp_get_parasite(key);
  if (!parasite) return std::nullopt;
  guint32 size = 0;
  const auto* data = static_cast<const char*>(gimp_parasite_get_data(parasite, &size));
  std::string bytes(data, size);
  gimp_parasite_free(parasite);
  return bytes;
}

void set_session_value(const char* key, const std::string& bytes) {
  GimpParasite* parasite = gimp_parasite_new(key, 0, bytes.size(), bytes.data());
  gimp_attach_parasite(parasite);
  gimp_parasite_free(parasite);
}

void message(const std::string& text) { gimp_message(text.c_str()); }
void progress_start(const std::string& text) { gimp_progress_init(text.c_str()); }
void progress_update(double fraction) { gimp_progress_update(fraction); }
void progress_text(const std::string& text) { gimp_progress_set_text(text.c_str()); }

Arguments arguments_of(GimpProcedureConfig* config) {
  Arguments arguments;
  for (const ArgumentSpec& spec : kArgumentSpecs)
    set_argument_value(arguments, spec, config_value(config, spec));
  // The choice's ids are the paintings' indices, and kNoPainting for none.
  arguments.painting = gimp_procedure_config_get_choice_id(config, kPaintingArgument);
  g_object_get(config, kMemoryArgument, &arguments.memory, nullptr);
  // Only plug-in-neural-style-frames has it.
  if (g_object_class_find_property(G_OBJECT_GET_CLASS(config), kTemporalWeightSpec.name))
    g_object_get(config, kTemporalWeightSpec.name, &arguments.temporal_weight, nullptr);
  return arguments;
}

void set_layer_argument(GimpProcedureConfig* config, const char* name, ItemId layer) {
  g_object_set(config, name, layer == kNoLayer ? nullptr : drawable(layer), nullptr);
}

}  // namespace neural_style::plugin::host
