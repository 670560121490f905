// @memsim/devices: Compact memristor models as vectorised ODE kernels, window functions, stochastic parameters, I-V sweeps.
