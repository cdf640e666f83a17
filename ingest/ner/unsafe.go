package ner

import "unsafe"

// bytesAsInt8 views b as []int8 without copying.
func bytesAsInt8(b []byte) []int8 {
	return unsafe.Slice((*int8)(unsafe.Pointer(unsafe.SliceData(b))), len(b))
}
