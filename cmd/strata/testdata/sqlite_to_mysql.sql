-- note: view adults: the query is sqlite's SQL text, rewritten for mysql without parsing it
CREATE TABLE users (id INT NOT NULL AUTO_INCREMENT, email VARCHAR(200) NOT NULL, name LONGTEXT DEFAULT ('anon') NOT NULL, age INT, active BOOL DEFAULT TRUE NOT NULL, balance DECIMAL(12, 2) DEFAULT 0, ratio DOUBLE DEFAULT 0.5, avatar LONGBLOB, created_at DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6), manager_id INT, CONSTRAINT pk_users PRIMARY KEY (id), CONSTRAINT uq_users_email UNIQUE (email), CONSTRAINT fk_users_manager_id_users FOREIGN KEY (manager_id) REFERENCES users (id) ON DELETE SET NULL, CONSTRAINT ck_users_expr_723d0008 CHECK (age >= 0)) DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_users_name ON users (name, age DESC);
CREATE UNIQUE INDEX ix_users_email_lower ON users ((lower(email)));
CREATE TABLE `Order Items` (order_id INT NOT NULL, line INT NOT NULL, `Größe` VARCHAR(10), qty INT DEFAULT 1 NOT NULL, user_id INT NOT NULL, CONSTRAINT pk_items PRIMARY KEY (order_id, line), CONSTRAINT fk_items_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT ck_qty CHECK (qty > 0)) DEFAULT CHARSET=utf8mb4;
-- index ix_items_user on Order Items: not translated: compiler: mysql does not support partial indexes (CREATE INDEX … WHERE)
CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;
