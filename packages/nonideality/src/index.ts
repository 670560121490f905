// @memsim/nonideality: Non-idealities of crossbars: finite states, faults, variability, non-linear I-V, endurance, retention.
