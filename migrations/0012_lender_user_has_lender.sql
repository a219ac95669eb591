-- A user of role "lender" belongs to exactly one lender: at most one by the primary key of lender_users,
-- at least one by these constraint triggers, checked at commit so that a user and its link can be
-- written in either order within one transaction.
CREATE FUNCTION "lender_user_has_lender"(candidate uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "users" u WHERE u."id" = candidate AND u."role" = 'lender')
     AND NOT EXISTS (SELECT 1 FROM "lender_users" lu WHERE lu."user_id" = candidate) THEN
    RAISE EXCEPTION 'user % has role lender but belongs to no lender', candidate
      USING ERRCODE = '23514', CONSTRAINT = 'lender_user_has_lender';
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION "users_check_lender_link"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lender_user_has_lender"(NEW."id");
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "lender_users_check_lender_link"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "lender_user_has_lender"(OLD."user_id");
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "users_lender_has_lender" AFTER INSERT OR UPDATE OF "role" ON "users"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "users_check_lender_link"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "lender_users_keep_lender" AFTER DELETE OR UPDATE OF "user_id" ON "lender_users"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "lender_users_check_lender_link"();
