// @memsim/plot: Chart specs (vega-lite) for memsim results: I-V loops, conductance heatmaps, accuracy charts; SVG and PNG in Node.
