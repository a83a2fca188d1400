;; Mandelbrot set: escape-time iteration in f64 over an n x n grid of [-2, 0.5] x [-1.25, 1.25],
;; at most 255 iterations per point.
;; `run(n)` returns the total number of iterations.
(module
  (func (export "run") (param $n i32) (result i64)
    (local $px i32) (local $py i32) (local $it i32) (local $total i64)
    (local $cx f64) (local $cy f64) (local $x f64) (local $y f64) (local $xx f64) (local $yy f64)
    (local $step f64)
    (if (i32.eqz (local.get $n)) (then (return (i64.const 0))))
    (local.set $step (f64.div (f64.const 2.5) (f64.convert_i32_u (local.get $n))))
    (loop $rows
      (local.set $cy (f64.sub (f64.mul (f64.convert_i32_u (local.get $py)) (local.get $step)) (f64.const 1.25)))
      (local.set $px (i32.const 0))
      (loop $cols
        (local.set $cx (f64.sub (f64.mul (f64.convert_i32_u (local.get $px)) (local.get $step)) (f64.const 2)))
        (local.set $x (f64.const 0))
        (local.set $y (f64.const 0))
        (local.set $xx (f64.const 0))
        (local.set $yy (f64.const 0))
        (local.set $it (i32.const 0))
        (block $escaped
          (loop $iterate
            (br_if $escaped (f64.gt (f64.add (local.get $xx) (local.get $yy)) (f64.const 4)))
            (local.set $y (f64.add (f64.mul (f64.mul (local.get $x) (local.get $y)) (f64.const 2)) (local.get $cy)))
            (local.set $x (f64.add (f64.sub (local.get $xx) (local.get $yy)) (local.get $cx)))
            (local.set $xx (f64.mul (local.get $x) (local.get $x)))
            (local.set $yy (f64.mul (local.get $y) (local.get $y)))
            (local.set $it (i32.add (local.get $it) (i32.const 1)))
            (br_if $iterate (i32.lt_u (local.get $it) (i32.const 255)))))
        (local.set $total (i64.add (local.get $total) (i64.extend_i32_u (local.get $it))))
        (local.set $px (i32.add (local.get $px) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $px) (local.get $n))))
      (local.set $py (i32.add (local.get $py) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $py) (local.get $n))))
    (local.get $total)))
