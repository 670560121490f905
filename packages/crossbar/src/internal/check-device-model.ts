// The rule lives with the device models (@memsim/devices), shared with @memsim/layers.
export { checkDeviceModel } from '@memsim/devices';
