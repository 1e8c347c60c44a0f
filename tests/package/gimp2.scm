; GIMP 2.10's calls for use_gimp.scm: a script passes a built-in painting as a loaded file.
(define paintings "/usr/share/neural-style/models/paintings")
(define builtin-styles
  '("starry_night.jpg" "the_scream.jpg" "shipwreck.jpg" "woman-with-hat-matisse.jpg"))
(define output "/tmp/neural-style-package-test.png")
(define (load-image file) (car (gimp-file-load RUN-NONINTERACTIVE file file)))
(define (active-layer image) (car (gimp-image-get-active-layer image)))
(define (procedure-exists? name) (= 1 (car (gimp-procedural-db-proc-exists name))))
(define (stylise image layer painting)
  (let ((style (load-image (string-append paintings "/" painting))))
    (car (plug-in-neural-style RUN-NONINTERACTIVE image layer (active-layer style)
                               -1 0.5 10 1 1 0 5 1 0 7))))
(define (save-png image layer file) (file-png-save-defaults RUN-NONINTERACTIVE image layer file file))
