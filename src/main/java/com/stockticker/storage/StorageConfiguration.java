package com.stockticker.storage;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    Journal journal(JdbcTemplate jdbc, TransactionTemplate transactions, StorageProperties properties, MeterRegistry meters) {
        return new Journal(jdbc, transactions, properties, meters);
    }

    @Bean("storage")
    StorageHealthIndicator storageHealthIndicator(Journal journal) {
        return new StorageHealthIndicator(journal);
    }
}
