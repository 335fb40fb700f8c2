-- AlterTable
ALTER TABLE "Student" ADD COLUMN     "rosterLinksDigest" TEXT;

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "rosterLinksDigest" TEXT;

