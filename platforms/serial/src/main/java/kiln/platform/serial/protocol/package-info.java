/**
 * Kiln's board protocol (docs/board-protocol.md): frames with a CRC-16/CCITT, message types and
 * payload codecs, shared by the serial connector and the board emulator.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package kiln.platform.serial.protocol;
