; Uses the installed plug-in as a script author does (check_installed.sh loads gimp2.scm or
; gimp3.scm first, for the calls that differ): one of the installed paintings, made small,
; painted in a few steps in the style of each built-in painting, the last result saved as
; PNG. Prints a RESULT-NAME line per painting and a FRAMES line for the shell to check.
(let* ((image (load-image (string-append paintings "/the_scream.jpg")))
       (photo (active-layer image)))
  (gimp-image-scale image 48 60)
  (gimp-message (string-append "FRAMES " (if (procedure-exists? "plug-in-neural-style-frames")
                                             "registered" "missing")))
  (let loop ((styles builtin-styles) (result photo))
    (if (null? styles)
        (begin (save-png image result output) (gimp-image-delete image))
        (let ((painted (stylise image photo (car styles))))
          (gimp-message (string-append "RESULT-NAME " (car (gimp-item-get-name painted))))
          (loop (cdr styles) painted)))))
