; GIMP 3, with a built-in painting cut short beside the plug-in: the caller is told which
; file and why, and the image is unchanged.
(let* ((img (new-image 64 48 RGB))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1)))
  (check-fails "painting damaged: names the file and the cause"
               "shipwreck.jpg': the file is damaged or cut short"
               (lambda () (plug-in-neural-style #:run-mode RUN-NONINTERACTIVE #:image img
                                                #:drawables (vector content)
                                                #:builtin-style "shipwreck")))
  (check-equal "painting damaged: image unchanged" 1 (length (layer-ids img)))
  (gimp-image-delete img))

(end-of-test-file)
