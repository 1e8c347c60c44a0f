; Helpers shared by the GIMP batch-mode tests. Every assertion prints one line,
; "PASS <name>" or "FAIL <name>: <detail>", through gimp-message; the runner counts them.
; The runner loads gimp2.scm or gimp3.scm first: every call that differs between GIMP
; versions is one of their wrappers.

; Newlines written as \n, so that a FAIL line stays one line for the runner.
(define (one-line text)
  (apply string-append
         (map (lambda (c) (if (char=? c #\newline) "\\n" (string c))) (string->list text))))

(define (->string x)
  (cond ((string? x) (string-append "\"" (one-line x) "\""))
        ((number? x) (number->string x))
        ((boolean? x) (if x "#t" "#f"))
        ((null? x) "()")
        ((pair? x) (string-append "(" (->string (car x))
                                  (apply string-append
                                         (map (lambda (y) (string-append " " (->string y)))
                                              (cdr x)))
                                  ")"))
        ((vector? x) (->string (vector->list x)))
        (else "?")))

; The last line of every test file: "END <file>", which the runner requires from each file
; it ran, so that a file that broke off (an error outside a check, a crash) cannot hide
; behind the results it printed before. The runner defines `test-file`.
(define (end-of-test-file) (gimp-message (string-append "END " test-file)))

(define (report ok name detail)
  (gimp-message (string-append (if ok "PASS " "FAIL ") name (if ok "" (string-append ": " detail))))
  ok)

(define (check name ok) (report ok name "false"))

(define (check-equal name expected actual)
  (report (equal? expected actual) name
          (string-append "expected " (->string expected) ", got " (->string actual))))

(define (string-contains? text part)
  (let ((n (string-length text)) (m (string-length part)))
    (let loop ((i 0))
      (cond ((> (+ i m) n) #f)
            ((string=? (substring text i (+ i m)) part) #t)
            (else (loop (+ i 1)))))))

(define (count-if pred items)
  (let loop ((items items) (n 0))
    (cond ((null? items) n)
          ((pred (car items)) (loop (cdr items) (+ n 1)))
          (else (loop (cdr items) n)))))

(define (check-contains name text part)
  (report (string-contains? text part) name
          (string-append (->string part) " not in " (->string text))))

; The message of the last error, kept by an error hook that otherwise behaves like
; Script-Fu's own (throw to the innermost catch).
(define last-error "")
(define (remember-error . args)
  (set! last-error (if (and (pair? args) (string? (car args))) (car args) ""))
  (apply throw args))
(set! *error-hook* remember-error)

; Runs thunk, which must fail with a message containing `expected`.
(define (check-fails name expected thunk)
  (set! last-error "")
  (if (catch #t (thunk) #f)
      (check-contains name last-error expected)
      (report #f name "did not fail")))

; A run of `(call img content)` on a new image fails with `expected` in its message and
; leaves the image as it was.
(define (check-refused label expected call)
  (let* ((img (new-image 64 48 RGB))
         (content (add-plasma-layer img 0 "Content" 64 48 #f 1)))
    (check-fails (string-append label ": says which and why") expected
                 (lambda () (call img content)))
    (check-equal (string-append label ": image unchanged") 1 (length (layer-ids img)))
    (gimp-image-delete img)))

; --- Images ---------------------------------------------------------------------

(define (layer-type base alpha)
  (if (= base GRAY)
      (if alpha GRAYA-IMAGE GRAY-IMAGE)
      (if alpha RGBA-IMAGE RGB-IMAGE)))

; A layer filled with plasma (seeded, so every run sees the same pixels), inserted at
; the top of `parent` (0 = the image). `alpha` is a Scheme boolean (#t or #f): Script-Fu's
; FALSE is 0, which Scheme counts as true.
(define (add-plasma-layer img parent name width height alpha seed)
  (let ((layer (new-layer img name width height (layer-type (image-base-type img) alpha))))
    (gimp-image-insert-layer img layer parent 0)
    (plasma-fill layer seed)
    layer))

(define (new-image width height base)
  (car (gimp-image-new width height base)))

; --- The procedure under test ------------------------------------------------------

; A fast run: the built-in network, the layer's own size, few iterations, a fixed seed.
(define (stylise img content style)
  (neural-style RUN-NONINTERACTIVE img content style no-layer 0.5 10 1 1 0 5 1 0 7))

(define (settings-of layer)
  (caddr (car (gimp-item-get-parasite layer "neural-style-settings"))))

; --- Pixels ------------------------------------------------------------------------

; Five by five points spread over a w x h area.
(define (spread size)
  (map (lambda (f) (min (- size 1) (inexact->exact (truncate (* f size)))))
       '(0.02 0.25 0.5 0.75 0.98)))

(define (grid width height)
  (let ((xs (spread width)) (ys (spread height)))
    (apply append (map (lambda (y) (map (lambda (x) (list x y)) xs)) ys))))

(define (sample layer points)
  (map (lambda (p) (pixel layer (car p) (cadr p))) points))

(define (layer-grid layer)
  (grid (drawable-width layer) (drawable-height layer)))

(define (alpha-at layer x y)
  (let ((p (pixel layer x y))) (list-ref p (- (length p) 1))))

(define (largest-difference a b)
  (apply max (map (lambda (p q) (apply max (map (lambda (u v) (abs (- u v))) p q))) a b)))
