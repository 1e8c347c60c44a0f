; GIMP 3 only: the optional builtin-style argument takes a painting that ships with the
; plug-in (found beside it, as installed) as the style, with no style layer; named after
; the painting and recorded in the settings.
(let* ((img (new-image 64 48 RGB))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (result (vector-ref
                (car (plug-in-neural-style #:run-mode RUN-NONINTERACTIVE #:image img
                                           #:drawables (vector content)
                                           #:builtin-style "starry-night"
                                           #:size 0 #:iterations 5 #:seed 7))
                0)))
  (check-equal "builtin-style: one new layer" 2 (length (layer-ids img)))
  (check-equal "builtin-style: named after the painting"
               "Content in the style of The Starry Night" (car (gimp-item-get-name result)))
  (check-contains "builtin-style: recorded" (settings-of result)
                  "\nstyle-painting=The Starry Night\n")
  ; GIMP turns a name it does not know into the default, none: then the style layer is
  ; missing.
  (check-fails "builtin-style: an unknown painting is refused"
               "style-drawable must be a layer"
               (lambda () (plug-in-neural-style #:run-mode RUN-NONINTERACTIVE #:image img
                                                #:drawables (vector content)
                                                #:builtin-style "mona-lisa")))
  (check-equal "builtin-style: no layer after the refusal" 2 (length (layer-ids img)))
  (gimp-image-delete img))

(end-of-test-file)
