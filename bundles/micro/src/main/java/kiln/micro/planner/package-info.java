/** Memory planners: TFLite Micro's greedy planner with a printable plan and an overlap check. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.micro.planner;
