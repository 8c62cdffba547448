package org.jwtauth.common.security;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A role name of SPEC §6 ({@link Roles#NAME_PATTERN}), for request bodies. */
@NotNull
@Pattern(regexp = Roles.NAME_PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Target({TYPE_USE, FIELD, PARAMETER})
@Retention(RUNTIME)
public @interface RoleName {

    String message() default Roles.NAME_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
