; The same as the command line: the runner's content.png and style.png in files-dir,
; painted with the settings of its neural-style-cli call, the result saved as gimp.png for
; it to compare with the command line's, byte for byte.

(let* ((img (load-image (string-append files-dir "/content.png")))
       (content (car (layer-ids img)))
       (style-img (load-image (string-append files-dir "/style.png")))
       (style (car (layer-ids style-img)))
       (result (neural-style RUN-NONINTERACTIVE img content style no-layer 0.5 10 1 1 0 5 1 0
                             11)))
  (check-equal "same as the command line: the result has the content's size"
               (list (drawable-width content) (drawable-height content))
               (list (drawable-width result) (drawable-height result)))
  (gimp-image-remove-layer img content)
  (save-png img result (string-append files-dir "/gimp.png"))
  (gimp-image-delete style-img)
  (gimp-image-delete img))

(end-of-test-file)
