import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: entities, link tables and citations. Generated from the entities with
 * TypeORM's schema builder and committed; a test checks the entities still match.
 */
export class InitialSchema1763600000000 implements MigrationInterface {
  name = 'InitialSchema1763600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "category" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "description" text NOT NULL DEFAULT (''), "parentId" integer, CONSTRAINT "UQ_cb73208f151aa71cdd78f662d70" UNIQUE ("slug"), CONSTRAINT "FK_d5456fd7e4c4866fec8ada1fa10" FOREIGN KEY ("parentId") REFERENCES "category" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_category_parent" ON "category" ("parentId")`);
    await queryRunner.query(
      `CREATE TABLE "source" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "title" varchar NOT NULL, "publisher" varchar, "author" varchar, "publishedOn" varchar, "url" varchar, "version" varchar, "licence" varchar, "attribution" text, "file" varchar, CONSTRAINT "UQ_73b9082fc0d085f1248327af4b2" UNIQUE ("slug"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "citation" ("subjectType" varchar NOT NULL, "subjectId" integer NOT NULL, "sourceId" integer NOT NULL, CONSTRAINT "FK_550d3d016df4d7a3d1cfbaacd12" FOREIGN KEY ("sourceId") REFERENCES "source" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("subjectType", "subjectId", "sourceId"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_citation_source" ON "citation" ("sourceId")`);
    await queryRunner.query(
      `CREATE TABLE "responsibility" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "description" text NOT NULL DEFAULT (''), CONSTRAINT "UQ_097bd88f525ee95151ad61a67ef" UNIQUE ("slug"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "skill" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "aliases" text NOT NULL DEFAULT ('[]'), "description" text NOT NULL DEFAULT (''), "kind" varchar NOT NULL, "categoryId" integer, CONSTRAINT "UQ_604e22347c14fc37e29ea38660c" UNIQUE ("slug"), CONSTRAINT "FK_ae50007dd0ddc9050deaa92185b" FOREIGN KEY ("categoryId") REFERENCES "category" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_skill_category" ON "skill" ("categoryId")`);
    await queryRunner.query(
      `CREATE TABLE "responsibility_skill" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "responsibilityId" integer NOT NULL, "skillId" integer NOT NULL, CONSTRAINT "UQ_responsibility_skill" UNIQUE ("responsibilityId", "skillId"), CONSTRAINT "FK_da399f085550fd60b3f260fb5e5" FOREIGN KEY ("responsibilityId") REFERENCES "responsibility" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_ba0bfec9f13065598278f804575" FOREIGN KEY ("skillId") REFERENCES "skill" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_responsibility_skill_skillId" ON "responsibility_skill" ("skillId")`);
    await queryRunner.query(
      `CREATE TABLE "role" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "aliases" text NOT NULL DEFAULT ('[]'), "summary" text NOT NULL DEFAULT (''), "broaderId" integer, CONSTRAINT "UQ_35c9b140caaf6da09cfabb0d675" UNIQUE ("slug"), CONSTRAINT "FK_a30e69ed42f91b8ed46e2f86225" FOREIGN KEY ("broaderId") REFERENCES "role" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_role_broader" ON "role" ("broaderId")`);
    await queryRunner.query(
      `CREATE TABLE "role_collaboration" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roleId" integer NOT NULL, "otherRoleId" integer NOT NULL, CONSTRAINT "UQ_role_collaboration" UNIQUE ("roleId", "otherRoleId"), CONSTRAINT "FK_5f4d58e17e87658ee9d0f627636" FOREIGN KEY ("roleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_d78674a471275b227694f174b47" FOREIGN KEY ("otherRoleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_role_collaboration_otherRoleId" ON "role_collaboration" ("otherRoleId")`);
    await queryRunner.query(
      `CREATE TABLE "role_responsibility" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roleId" integer NOT NULL, "responsibilityId" integer NOT NULL, CONSTRAINT "UQ_role_responsibility" UNIQUE ("roleId", "responsibilityId"), CONSTRAINT "FK_046d422e746f4d529de2f5a9a93" FOREIGN KEY ("roleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_da150f79fcb1f430c154a024803" FOREIGN KEY ("responsibilityId") REFERENCES "responsibility" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_role_responsibility_responsibilityId" ON "role_responsibility" ("responsibilityId")`);
    await queryRunner.query(
      `CREATE TABLE "role_skill" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roleId" integer NOT NULL, "skillId" integer NOT NULL, "importance" varchar NOT NULL DEFAULT ('OPTIONAL'), CONSTRAINT "UQ_role_skill" UNIQUE ("roleId", "skillId"), CONSTRAINT "FK_2fa72a65c4ce95a31522154e515" FOREIGN KEY ("roleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_a6a6ed57bf03566e0d74243ce31" FOREIGN KEY ("skillId") REFERENCES "skill" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_role_skill_skillId" ON "role_skill" ("skillId")`);
    await queryRunner.query(
      `CREATE TABLE "tool" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar NOT NULL, "name" varchar NOT NULL, "aliases" text NOT NULL DEFAULT ('[]'), "description" text NOT NULL DEFAULT (''), "categoryId" integer, CONSTRAINT "UQ_bcc23e68a8a2ee1c345bf4d69df" UNIQUE ("slug"), CONSTRAINT "FK_e73eff4bf873c477296f847caa6" FOREIGN KEY ("categoryId") REFERENCES "category" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_tool_category" ON "tool" ("categoryId")`);
    await queryRunner.query(
      `CREATE TABLE "role_tool" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "roleId" integer NOT NULL, "toolId" integer NOT NULL, "importance" varchar NOT NULL DEFAULT ('OPTIONAL'), CONSTRAINT "UQ_role_tool" UNIQUE ("roleId", "toolId"), CONSTRAINT "FK_d698799349fa10b852a036d7308" FOREIGN KEY ("roleId") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_0e5c0453ffad4acf0202023567e" FOREIGN KEY ("toolId") REFERENCES "tool" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_role_tool_toolId" ON "role_tool" ("toolId")`);
    await queryRunner.query(
      `CREATE TABLE "skill_tool" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "skillId" integer NOT NULL, "toolId" integer NOT NULL, CONSTRAINT "UQ_skill_tool" UNIQUE ("skillId", "toolId"), CONSTRAINT "FK_526cf3a95675711a271e7a471ed" FOREIGN KEY ("skillId") REFERENCES "skill" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_0b85d04427ba99d51d1133b19bf" FOREIGN KEY ("toolId") REFERENCES "tool" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_skill_tool_toolId" ON "skill_tool" ("toolId")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "skill_tool"`);
    await queryRunner.query(`DROP TABLE "role_tool"`);
    await queryRunner.query(`DROP TABLE "tool"`);
    await queryRunner.query(`DROP TABLE "role_skill"`);
    await queryRunner.query(`DROP TABLE "role_responsibility"`);
    await queryRunner.query(`DROP TABLE "role_collaboration"`);
    await queryRunner.query(`DROP TABLE "role"`);
    await queryRunner.query(`DROP TABLE "responsibility_skill"`);
    await queryRunner.query(`DROP TABLE "skill"`);
    await queryRunner.query(`DROP TABLE "responsibility"`);
    await queryRunner.query(`DROP TABLE "citation"`);
    await queryRunner.query(`DROP TABLE "source"`);
    await queryRunner.query(`DROP TABLE "category"`);
  }
}
