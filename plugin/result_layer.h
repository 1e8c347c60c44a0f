// The only place the image changes: the result becomes a new layer directly above the
// content layer, with the record of its settings attached. Called after the computation,
// inside an UndoGroup, so that cancelling (which kills the plug-in) leaves the image as it
// was, and one Ctrl+Z removes the whole effect.
#pragma once

#include <string>

#include "inputs.h"
#include "neural_style/image.h"

namespace neural_style::plugin {

// Keeps an undo group open for its lifetime and closes it on every way out, or GIMP warns
// of inconsistent undo.
class UndoGroup {
 public:
  explicit UndoGroup(ImageId image) : image_(image) { host::undo_group_start(image_); }
  ~UndoGroup() { host::undo_group_end(image_); }
  UndoGroup(const UndoGroup&) = delete;
  UndoGroup& operator=(const UndoGroup&) = delete;

 private:
  ImageId image_;
};

// `result` covers in.region of the content layer in its layout (in.channels); the rest
// of the new layer stays transparent. Returns the new layer.
ItemId add_result_layer(const Inputs& in, const Image& result, const std::string& name,
                        const std::string& record);

}  // namespace neural_style::plugin
