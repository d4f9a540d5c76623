/**
 * TFLite Micro's tensor arena: its greedy memory planner and the model of what
 * {@code AllocateTensors()} takes from the arena, shared by the micro runtime and the profiler.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package kiln.tflite.arena;
