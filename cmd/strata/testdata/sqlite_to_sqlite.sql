CREATE TABLE users (id INTEGER NOT NULL CONSTRAINT pk_users PRIMARY KEY AUTOINCREMENT, email VARCHAR(200) NOT NULL, name TEXT DEFAULT 'anon' NOT NULL, age INTEGER, active BOOLEAN DEFAULT 1 NOT NULL, balance NUMERIC(12, 2) DEFAULT 0, ratio DOUBLE PRECISION DEFAULT 0.5, avatar BLOB, created_at DATETIME DEFAULT CURRENT_TIMESTAMP, manager_id INTEGER, CONSTRAINT uq_users_email UNIQUE (email), CONSTRAINT fk_users_manager_id_users FOREIGN KEY (manager_id) REFERENCES users (id) ON DELETE SET NULL, CONSTRAINT ck_users_expr_723d0008 CHECK (age >= 0));
CREATE INDEX ix_users_name ON users (name, age DESC);
CREATE UNIQUE INDEX ix_users_email_lower ON users ((lower(email)));
CREATE TABLE "Order Items" (order_id INTEGER NOT NULL, line INTEGER NOT NULL, "Größe" VARCHAR(10), qty INTEGER DEFAULT 1 NOT NULL, user_id INTEGER NOT NULL, CONSTRAINT pk_items PRIMARY KEY (order_id, line), CONSTRAINT fk_items_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT ck_qty CHECK (qty > 0));
CREATE INDEX ix_items_user ON "Order Items" (user_id) WHERE qty > 1;
CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;
