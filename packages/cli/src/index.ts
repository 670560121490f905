// @memsim/cli: The memsim command: device sweeps, training, and the MemTorch studies on embedded MNIST with plots and reports.
