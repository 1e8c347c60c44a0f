#include "result_layer.h"

#include <glib/gi18n-lib.h>

#include "failure.h"
#include "provenance.h"

namespace neural_style::plugin {
namespace {

// Keeps the undo group closed on every way out, or GIMP warns of inconsistent undo.
class UndoGroup {
 public:
  explicit UndoGroup(gint32 image) : image_(image) { gimp_image_undo_group_start(image_); }
  ~UndoGroup() { gimp_image_undo_group_end(image_); }
  UndoGroup(const UndoGroup&) = delete;
  UndoGroup& operator=(const UndoGroup&) = delete;

 private:
  gint32 image_;
};

GimpImageType layer_type(int channels) {
  switch (channels) {
    case 1: return GIMP_GRAY_IMAGE;
    case 2: return GIMP_GRAYA_IMAGE;
    case 3: return GIMP_RGB_IMAGE;
    default: return GIMP_RGBA_IMAGE;
  }
}

void attach_record(gint32 layer, const std::string& record) {
  // With its terminating NUL, like GIMP's own text parasites ("gimp-comment").
  GimpParasite* parasite =
      gimp_parasite_new(kRecordParasite, GIMP_PARASITE_PERSISTENT | GIMP_PARASITE_UNDOABLE,
                        record.size() + 1, record.c_str());
  gimp_item_attach_parasite(layer, parasite);
  gimp_parasite_free(parasite);
}

}  // namespace

gint32 add_result_layer(const Inputs& in, const Image& result, const std::string& name,
                        const std::string& record) {
  gint x = 0, y = 0;
  gimp_drawable_offsets(in.content, &x, &y);
  UndoGroup group(in.image);
  const gint32 layer = gimp_layer_new(in.image, name.c_str(), gimp_drawable_width(in.content),
                                      gimp_drawable_height(in.content), layer_type(in.channels),
                                      100.0, GIMP_LAYER_MODE_NORMAL);
  if (layer == -1) throw execution_failure(_("GIMP could not create the result layer."));
  // Inserting at the content's position in its parent puts the new layer right above it.
  gimp_image_insert_layer(in.image, layer, gimp_item_get_parent(in.content),
                          gimp_image_get_item_position(in.image, in.content));
  gimp_layer_set_offsets(layer, x, y);
  write_pixels(layer, in.region, result);
  gimp_drawable_update(layer, in.region.x, in.region.y, in.region.width, in.region.height);
  attach_record(layer, record);
  return layer;
}

}  // namespace neural_style::plugin
