; GIMP 3, with no built-in paintings beside the plug-in nor installed: the caller is told
; which painting is missing, and the image is unchanged.
(check-refused "painting missing" "The built-in painting 'The Shipwreck' is not installed"
               (lambda (img content)
                 (plug-in-neural-style #:run-mode RUN-NONINTERACTIVE #:image img
                                       #:drawables (vector content) #:builtin-style "shipwreck")))

(end-of-test-file)
