package org.gridgov.common.pii;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PersonalDataTest {

    @Test
    void theRepositorysKeyIsRefusedOutsideDevTestAndTheLocalRun() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PersonalData.refuseRepositoryKey(PersonalData.REPOSITORY_KEY, List.of("prod")));
        assertTrue(e.getMessage().contains("GRIDGOV_PII_KEY"), e.getMessage());
        assertDoesNotThrow(() -> PersonalData.refuseRepositoryKey(PersonalData.REPOSITORY_KEY, List.of("local")));
        assertDoesNotThrow(() -> PersonalData.refuseRepositoryKey(PersonalData.REPOSITORY_KEY, List.of("test")));
        assertDoesNotThrow(() -> PersonalData.refuseRepositoryKey("9ZdzjWkboLIKEes1B6miwoxvp/7yjPp9qVoEugrCnKw=", List.of("prod")));
    }
}
