; GIMP 3's calls for use_gimp.scm: the built-in paintings by name.
(define paintings "/usr/share/neural-style/models/paintings")
(define builtin-styles '("starry-night" "the-scream" "shipwreck" "woman-with-a-hat"))
(define output "/tmp/neural-style-package-test.png")
(define (load-image file) (car (gimp-file-load RUN-NONINTERACTIVE file)))
(define (active-layer image) (vector-ref (car (gimp-image-get-selected-layers image)) 0))
; A boolean, or 1/0 in Script-Fu's older dialect.
(define (procedure-exists? name)
  (let ((exists (car (gimp-pdb-procedure-exists name))))
    (or (eq? exists #t) (equal? exists 1))))
(define (stylise image layer painting)
  (vector-ref (car (plug-in-neural-style #:run-mode RUN-NONINTERACTIVE #:image image
                                         #:drawables (vector layer)
                                         #:builtin-style painting
                                         #:iterations 5 #:seed 7))
              0))
(define (save-png image layer file) (gimp-file-save RUN-NONINTERACTIVE image file))
