// @memsim/mapping: Weight to conductance maps, input to voltage encoding and output calibration.
