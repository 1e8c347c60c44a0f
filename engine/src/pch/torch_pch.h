// Precompiled for every engine source: the torch headers dominate compile time.
#include <ATen/ATen.h>
#include <torch/autograd.h>
#include <torch/cuda.h>
#include <torch/optim/adam.h>
#include <torch/optim/lbfgs.h>
#include <torch/utils.h>
