/** PNG charts drawn with XChart (headless): line charts, histograms, heat maps, training history. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package kiln.evaluate.plot;
