; GIMP 3, with no built-in paintings beside the plug-in nor installed: the caller is told
; which painting is missing, and the image is unchanged.
(let* ((img (new-image 64 48 RGB))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1)))
  (check-fails "painting missing: says which"
               "The built-in painting 'The Shipwreck' is not installed"
               (lambda () (plug-in-neural-style #:run-mode RUN-NONINTERACTIVE #:image img
                                                #:drawables (vector content)
                                                #:builtin-style "shipwreck")))
  (check-equal "painting missing: image unchanged" 1 (length (layer-ids img)))
  (gimp-image-delete img))

(end-of-test-file)
