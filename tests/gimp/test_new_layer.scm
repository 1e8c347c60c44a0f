; The result is one new layer right above the content layer, the content's size and
; offsets, named after both layers, with its settings attached; the content is untouched.

(let* ((img (new-image 96 64 RGB))
       (style (add-plasma-layer img 0 "Style" 96 64 #f 2))
       (content (add-plasma-layer img 0 "Content" 64 48 #f 1))
       (before (layer-ids img))
       (position (car (gimp-image-get-item-position img content)))
       (points (layer-grid content))
       (content-before (sample content points)))
  (gimp-layer-set-offsets content 10 7)
  (let ((result (stylise img content style)))
    (check-equal "new-layer: one layer more" (+ 1 (length before)) (length (layer-ids img)))
    (check "new-layer: returns a layer" (= 1 (item-is-layer result)))
    (check-equal "new-layer: right above the content" position
                 (car (gimp-image-get-item-position img result)))
    (check-equal "new-layer: content moved down one" (+ position 1)
                 (car (gimp-image-get-item-position img content)))
    (check-equal "new-layer: same parent" -1 (car (gimp-item-get-parent result)))
    (check-equal "new-layer: name" "Content in the style of Style"
                 (car (gimp-item-get-name result)))
    (check-equal "new-layer: size" '(64 48)
                 (list (drawable-width result) (drawable-height result)))
    (check-equal "new-layer: offsets" '(10 7) (drawable-offsets result))
    (check-equal "new-layer: no alpha added" 0 (car (gimp-drawable-has-alpha result)))
    (check-equal "new-layer: content pixels unchanged" content-before (sample content points))
    (check "new-layer: result differs from the content"
           (> (largest-difference content-before (sample result points)) 2))
    (let ((settings (settings-of result)))
      (check-contains "new-layer: settings record the network" settings
                      (string-append "network=" expected-network "\n"))
      (check-contains "new-layer: settings record the seed" settings "\nseed=7\n")
      (check-contains "new-layer: settings record iterations" settings "\niterations=5\n")
      (check-contains "new-layer: settings record the style" settings "\nstyle-layer=Style\n")
      (check-contains "new-layer: settings record the version" settings "plug-in-version="))
    (check "new-layer: settings parasite is persistent"
           (odd? (cadr (car (gimp-item-get-parasite result "neural-style-settings"))))))
  (gimp-image-delete img))

; Inside a layer group the new layer joins the group, right above the content.
(let* ((img (new-image 64 48 RGB))
       (style (add-plasma-layer img 0 "Style" 64 48 #f 2))
       (group (new-group img)))
  (gimp-image-insert-layer img group 0 0)
  (add-plasma-layer img group "Above" 64 48 #f 3)
  (let* ((content (add-plasma-layer img group "Content" 64 48 #f 1))
         (above (add-plasma-layer img group "Top" 64 48 #f 4))
         (position (car (gimp-image-get-item-position img content)))
         (result (stylise img content style)))
    (check-equal "group: new layer in the content's group" group
                 (car (gimp-item-get-parent result)))
    (check-equal "group: right above the content" position
                 (car (gimp-image-get-item-position img result)))
    (check-equal "group: one child more" 4 (child-count group))
    (check-equal "group: layer above stays on top" 0
                 (car (gimp-image-get-item-position img above))))
  (gimp-image-delete img))

(end-of-test-file)
