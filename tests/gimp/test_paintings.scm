; A built-in painting as a script uses it in GIMP 2.10's contract: its file, loaded from
; the plug-in's paintings folder (paintings-dir, from the runner), is the style layer.
(let* ((img (new-image 64 48 RGB))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (painting (load-image (string-append paintings-dir "/starry_night.jpg")))
       (style (car (layer-ids painting)))
       (style-name (car (gimp-item-get-name style)))
       (result (stylise img content style)))
  (check-equal "painting file: loaded whole" '(1024 640)
               (list (drawable-width style) (drawable-height style)))
  (check-equal "painting file: result named after it"
               (string-append "Content in the style of " style-name)
               (car (gimp-item-get-name result)))
  (check-equal "painting file: result has the content's size" '(64 48)
               (list (drawable-width result) (drawable-height result)))
  (check-equal "painting file: painting image unchanged" 1 (length (layer-ids painting)))
  (gimp-image-delete painting)
  (gimp-image-delete img))

(end-of-test-file)
