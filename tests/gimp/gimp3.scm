; GIMP 3.0's calls behind the names the tests use (see gimp2.scm for GIMP 2.10).
;
; Dialect: Script-Fu's v2 dialect, on purpose (no (script-fu-use-v3)). Calls then return
; lists as in GIMP 2.10 and booleans come back as 1 or 0, so every call that reads the same
; in both versions (gimp-item-get-name, gimp-drawable-has-alpha, gimp-item-get-parasite, …)
; stays in the tests, with its car. Boolean arguments are passed as numbers (TRUE, FALSE,
; 0, 1); v2 refuses #t and #f for them. Arrays come back without their 2.10 length value:
; (gimp-image-get-layers img) is (#(ids…)).
; Every wrapper returns a plain value, not Script-Fu's one-element list.

; --- Images and layers --------------------------------------------------------------

; An image file, opened as a new image.
(define (load-image path) (car (gimp-file-load RUN-NONINTERACTIVE path)))
; `layer` as a PNG file (GIMP 3: the image, which holds only that layer).
(define (save-png image layer file) (gimp-file-save RUN-NONINTERACTIVE image file))

(define (new-16-bit-image width height base)
  (car (gimp-image-new-with-precision width height base PRECISION-U16-NON-LINEAR)))

(define (new-float-image width height base)
  (car (gimp-image-new-with-precision width height base PRECISION-FLOAT-LINEAR)))

(define (image-base-type img) (car (gimp-image-get-base-type img)))

(define (new-layer img name width height type)
  (car (gimp-layer-new img name width height type 100 LAYER-MODE-NORMAL)))

; Named "Layer Group", as in GIMP 2.10.
(define (new-group img) (car (gimp-group-layer-new img "Layer Group")))

(define (new-channel img name width height)
  (car (gimp-channel-new img name width height 50 '(0 0 0))))

; plug-in-plasma is gone; GEGL's plasma over the layer's own size is seeded too: the same
; pixels every run.
(define (plasma-fill layer seed)
  (gimp-drawable-merge-new-filter layer "gegl:plasma" "Plasma" LAYER-MODE-REPLACE 1.0
                                  "seed" seed "turbulence" 2.5 "x" 0 "y" 0
                                  "width" (drawable-width layer)
                                  "height" (drawable-height layer)))

(define (layer-ids img) (vector->list (car (gimp-image-get-layers img))))

(define (child-count group) (vector-length (car (gimp-item-get-children group))))

; 1 or 0.
(define (item-is-layer item) (car (gimp-item-id-is-layer item)))

; --- Drawables ----------------------------------------------------------------------

(define (drawable-width layer) (car (gimp-drawable-get-width layer)))
(define (drawable-height layer) (car (gimp-drawable-get-height layer)))
(define (drawable-offsets layer) (gimp-drawable-get-offsets layer))   ; (x y)
(define (drawable-bpp layer) (car (gimp-drawable-get-bpp layer)))

; The pixel as Script-Fu hands over a colour: 0-255 per channel of the drawable's model,
; alpha last when it has one, whatever the precision.
(define (pixel layer x y) (car (gimp-drawable-get-pixel layer x y)))

; The share of a 16-bit layer's values that 8 bits cannot hold. Pixels come to Script-Fu
; in 8 bits, so count histogram bins instead, over the whole layer: a 16-bit drawable's
; histogram has 1024 bins, and an 8-bit level k lands in the bin of k/255. Black and white
; are left out: they are 8-bit levels at any precision.
(define (count-between layer from to)
  (list-ref (gimp-drawable-histogram layer HISTOGRAM-VALUE from to) 4))

(define (off-8-bit-share layer)
  (let loop ((k 0) (on-levels 0))
    (if (<= k 255)
        (let ((level (/ k 255.0)))
          (loop (+ k 1) (+ on-levels (count-between layer level level))))
        (let ((inner (- (count-between layer 0.0 1.0)
                        (count-between layer 0.0 0.0) (count-between layer 1.0 1.0))))
          (if (> inner 0)
              (/ (- (count-between layer 0.0 1.0) on-levels) inner)
              0)))))

; --- The procedure under test ---------------------------------------------------------

; "No layer" for style2-drawable: Script-Fu turns -1 into no object.
(define no-layer -1)

; One call with the full argument list, as documented, for one drawable: (neural-style
; run-mode image drawable style-drawable …). GIMP 3 takes the drawables as a vector and
; returns a vector of new layers; this returns the one new layer. Script-Fu 3.0 warns that
; ordered arguments are deprecated (named ones, #:style-mix 0.5, are the new way), but
; they are the documented call and its messages count arguments in this order.
(define (neural-style run-mode img drawable . settings)
  (vector-ref (car (apply plug-in-neural-style run-mode img (vector drawable) settings)) 0))

; Repeat (run with last values). Script-Fu 3 checks every argument against its declared
; range before the call, so the values the plug-in must ignore are in range here, and
; unlike the last ones.
(define (repeat-neural-style img drawable)
  (neural-style RUN-WITH-LAST-VALS img drawable drawable no-layer 0 0.001 0 0 0 1 0.1 0 0))

; What the caller is told about a bad argument. `position` counts the procedure's
; arguments from 1 (run-mode). Script-Fu 3 checks declared ranges itself, before the
; call: "argument 6 in call to plug-in-neural-style has value 1.500000 out of range:
; 0.000000 to 1.000000".
(define (range-message position message)
  (string-append "argument " (number->string position)
                 " in call to plug-in-neural-style has value"))

; An ID that names no item: "Invalid ID of GIMP item".
(define (invalid-id-message message) "Invalid ID of GIMP item")

; A boolean has no out-of-range number (any number is true or false), so the bad value
; is a string: "in script, expected type: numeric for argument 13 to plug-in-neural-style".
(define not-a-boolean "2")
(define (boolean-message position message)
  (string-append "expected type: numeric for argument " (number->string position)
                 " to plug-in-neural-style"))

; --- Animation frames -------------------------------------------------------------------

; plug-in-neural-style-frames, fast, with named arguments (temporal-weight comes after
; GIMP 3's own builtin-style and memory). Returns the new image.
(define (stylise-frames img drawable style temporal-weight)
  (car (plug-in-neural-style-frames #:run-mode RUN-NONINTERACTIVE #:image img
                                    #:drawables (vector drawable) #:style-drawable style
                                    #:style-weight 10 #:iterations 3 #:seed 7
                                    #:temporal-weight temporal-weight)))

(define (image-width img) (car (gimp-image-get-width img)))
(define (image-height img) (car (gimp-image-get-height img)))

; GIMP 3.0's PDB has no calls that read or assign an image's colour profile (libgimp keeps
; them to itself): the frames test checks the profile on GIMP 2.10 only.
(define profiles-in-pdb #f)
(define (assign-linear-profile img) #f)
(define (assigned-profile img) '())

(define (image-count) (vector-length (car (gimp-get-images))))

; Script-Fu 3 checks the declared range before the call.
(define (frames-range-message message) "out of range")
