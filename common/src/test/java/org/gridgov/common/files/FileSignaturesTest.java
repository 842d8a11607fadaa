package org.gridgov.common.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FileSignaturesTest {
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
    static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16 };

    @Test
    void photosAreTakenOnlyWhenTheirBytesAreWhatTheTypeSays() {
        assertTrue(FileSignatures.matches("image/png", PNG));
        assertTrue(FileSignatures.matches("image/jpeg", JPEG));
        assertFalse(FileSignatures.matches("image/png", JPEG));
        assertFalse(FileSignatures.matches("image/jpeg", "<html>".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(FileSignatures.matches("image/jpeg", new byte[] { (byte) 0xFF }));
    }

    @Test
    void theContentIsNamedByItsSha256AndTheTypeByItsBase() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                FileSignatures.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/png", FileSignatures.baseType("Image/PNG; charset=binary"));
    }
}
