; GIMP 3, with a built-in painting cut short beside the plug-in: the caller is told which
; file and why, and the image is unchanged.
(check-refused "painting damaged" "shipwreck.jpg': the file is damaged or cut short"
               (lambda (img content)
                 (plug-in-neural-style #:run-mode RUN-NONINTERACTIVE #:image img
                                       #:drawables (vector content) #:builtin-style "shipwreck")))

(end-of-test-file)
